// The "what changed since you answered" notice above the form, and a mark on
// each question it names. Loaded only when a respondent's answers come from
// an older version of the questionnaire.

import { h } from "./dom.js";
import { t, tn } from "./strings.js";

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
    const why = item.was ? t("This question was reworded since you answered. It used to read: “{was}”.", { was: item.was })
      : item.choicesChanged ? t("Its choices changed since you answered.") : t("It changed since you answered.");
    el.querySelector("legend").after(h("p", { className: "cx-mark cx-mark--confirm", [MARK]: "" },
      h("strong", null, t("Please confirm:")), " ", `${why} ${t("Your answer was kept; keep it or pick another.")} `,
      h("button", { type: "button", className: "md-button cx-button--small", "data-cx-action": "confirm", "data-cx-question-id": item.id }, t("Keep my answer"))));
  }
  for (const item of changes.fresh) {
    const el = field(item.id);
    if (!el) continue;
    el.classList.add("cx-question--new");
    el.querySelector("legend").after(h("p", { className: "cx-mark cx-mark--new", [MARK]: "" }, h("strong", null, t("New question")), " ", t("since you answered.")));
  }
  const answered = changes.since && changes.since !== changes.version
    ? t("You answered version {since} of this questionnaire; this is version {version}. Nothing you answered was lost.", changes)
    : t("You answered an earlier version of this questionnaire; this is version {version}. Nothing you answered was lost.", changes);
  notice.replaceChildren(
    h("h2", { className: "cx-notice__title" }, t("What changed since you answered")),
    h("p", null, answered),
    ...(changes.fresh.length ? [h("p", null, tn(changes.fresh.length, "{n} new question:", "{n} new questions:")),
      h("ul", null, changes.fresh.map((item) => h("li", null, jump(item))))] : []),
    ...(changes.unconfirmed.length ? [h("p", null, tn(changes.unconfirmed.length, "{n} answer needs your confirmation, because the question or its choices changed:", "{n} answers need your confirmation, because the question or its choices changed:")),
      h("ul", null, changes.unconfirmed.map((item) => h("li", null, jump(item), item.was ? ` ${t("(was: “{was}”)", { was: item.was })}` : "")))] : []),
    ...(changes.archived.length ? [h("p", null, tn(changes.archived.length, "{n} answer is to questions no longer asked; kept with the old wording under the results and in every export.", "{n} answers are to questions no longer asked; kept with the old wording under the results and in every export."))] : []),
    h("p", { className: "cx-notice__actions" },
      changes.unconfirmed.length ? h("button", { type: "button", className: "md-button", "data-cx-action": "confirm" }, t("Keep all my answers as they are")) : null,
      " ",
      changes.fresh.length ? h("button", { type: "button", className: "md-button", "data-cx-action": "acknowledge" }, t("Dismiss the new-question marks")) : null),
  );
  notice.hidden = false;
}
