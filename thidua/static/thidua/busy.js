// While a long form submission runs (reading a document), show that work is under way.
document.querySelectorAll("form[data-busy-text]").forEach((form) => {
  form.addEventListener("submit", () => {
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    button.querySelector(".spinner-border")?.classList.remove("d-none");
    const label = button.querySelector(".label");
    if (label) label.textContent = form.dataset.busyText;
  });
});
