// Filters for the plays index: each select names the column of the table that
// follows it; rows whose cell text differs from a chosen value are hidden.

export class PlaysFilter {
  constructor(root) {
    this.root = root;
    this.onChange = this.onChange.bind(this);
  }

  mount() {
    // The table is the next one after the filter in the page (Markdown output).
    let next = this.root.nextElementSibling;
    while (next && !next.matches("table") && !next.querySelector("table")) next = next.nextElementSibling;
    this.table = next && (next.matches("table") ? next : next.querySelector("table"));
    if (!this.table) return this;
    this.output = this.root.querySelector("output");
    this.built = this.output ? this.output.textContent : "";
    this.root.hidden = false;
    this.root.addEventListener("change", this.onChange);
    this.apply();
    return this;
  }

  destroy() {
    this.root.removeEventListener("change", this.onChange);
    if (this.table) {
      for (const body of this.table.tBodies) for (const row of body.rows) row.hidden = false;
      this.root.hidden = true;
      if (this.output) this.output.textContent = this.built;
    }
    return this;
  }

  onChange(event) {
    if (event.target.matches("select[data-cx-filter-column]")) this.apply();
  }

  apply() {
    const wanted = [...this.root.querySelectorAll("select[data-cx-filter-column]")]
      .filter((s) => s.value)
      .map((s) => [Number(s.getAttribute("data-cx-filter-column")), s.value.trim()]);
    const rows = [...this.table.tBodies].flatMap((body) => [...body.rows]);
    let shown = 0;
    for (const row of rows) {
      const match = wanted.every(([column, value]) => row.cells[column] && row.cells[column].textContent.trim() === value);
      row.hidden = !match;
      if (match) shown += 1;
    }
    if (this.output) this.output.textContent = `${shown} of ${rows.length} plays`;
    this.root.dispatchEvent(new CustomEvent("cx:filter", { detail: { shown, total: rows.length }, bubbles: true }));
  }
}
