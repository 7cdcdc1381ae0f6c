// The "what changed since you answered" notice above the form, and a mark on
// each question it names. Loaded only when a respondent's answers come from
// an older version of the questionnaire.

import { plural } from "./contract.js";
import { h } from "./dom.js";

const MARK = "data-cx-mark";

/**
 * The notice above the form and a mark on each question it names. Called on
 * every update (and with null by destroy), it first removes its old marks.
 */
export function renderChanges(scope, model, changes) {
  for (const old of scope.querySelectorAll(`[${MARK}]`)) old.remove();
  for (const field of scope.querySelectorAll(".cx-question--changed, .cx-question--new")) {
    field.classList.remove("cx-question--changed", "cx-question--new");
  }
  const notice = scope.querySelector("[data-cx-notice]");
  if (!notice) return;
  if (!changes || !changes.pending) {
    notice.replaceChildren();
    notice.hidden = true;
    return;
  }
  const field = (id) => scope.querySelector(`[data-cx-question="${CSS.escape(id)}"]`);
  const jump = (item) => h("button", { type: "button", className: "cx-link", "data-cx-action": "jump-to", "data-cx-question-id": item.id }, item.text);
  for (const item of changes.unconfirmed) {
    const el = field(item.id);
    if (!el) continue;
    el.classList.add("cx-question--changed");
    const why = item.was ? `This question was reworded since you answered. It used to read: “${item.was}”.`
      : item.choicesChanged ? "Its choices changed since you answered." : "It changed since you answered.";
    el.querySelector("legend").after(h("p", { className: "cx-mark cx-mark--confirm", [MARK]: "" },
      h("strong", null, "Please confirm: "), `${why} Your answer was kept; keep it or pick another. `,
      h("button", { type: "button", className: "md-button cx-button--small", "data-cx-action": "confirm", "data-cx-question-id": item.id }, "Keep my answer")));
  }
  for (const item of changes.fresh) {
    const el = field(item.id);
    if (!el) continue;
    el.classList.add("cx-question--new");
    el.querySelector("legend").after(h("p", { className: "cx-mark cx-mark--new", [MARK]: "" }, h("strong", null, "New question"), " since you answered."));
  }
  const since = changes.since && changes.since !== changes.version ? `version ${changes.since}` : "an earlier version";
  notice.replaceChildren(
    h("h2", { className: "cx-notice__title" }, "What changed since you answered"),
    h("p", null, `You answered ${since} of this questionnaire; this is version ${changes.version}. Nothing you answered was lost.`),
    ...(changes.fresh.length ? [h("p", null, `${plural(changes.fresh.length, "new question", "new questions")}:`),
      h("ul", null, changes.fresh.map((item) => h("li", null, jump(item))))] : []),
    ...(changes.unconfirmed.length ? [h("p", null, `${plural(changes.unconfirmed.length, "answer needs", "answers need")} your confirmation, because the question or its choices changed:`),
      h("ul", null, changes.unconfirmed.map((item) => h("li", null, jump(item), item.was ? ` (was: “${item.was}”)` : "")))] : []),
    ...(changes.archived.length ? [h("p", null, `${plural(changes.archived.length, "answer is", "answers are")} to questions no longer asked; kept with the old wording under the results and in every export.`)] : []),
    h("p", { className: "cx-notice__actions" },
      changes.unconfirmed.length ? h("button", { type: "button", className: "md-button", "data-cx-action": "confirm" }, "Keep all my answers as they are") : null,
      " ",
      changes.fresh.length ? h("button", { type: "button", className: "md-button", "data-cx-action": "acknowledge" }, "Dismiss the new-question marks") : null),
  );
  notice.hidden = false;
}
