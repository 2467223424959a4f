// Small behaviours of every page, declared in the markup with data- attributes: the
// Content-Security-Policy allows no inline script or event handler (onclick=, onchange=).
(() => {
  // <select data-submit-on-change>: choosing sends the form (the language switcher).
  document.querySelectorAll("select[data-submit-on-change]").forEach((select) => {
    select.addEventListener("change", () => select.form.submit());
  });

  // data-confirm="Question?" on a form or a submit button: nothing is sent unless the person agrees.
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
  document.querySelectorAll("button[data-confirm]").forEach((button) => {
    button.addEventListener("click", (event) => {
      if (!window.confirm(button.dataset.confirm)) event.preventDefault();
    });
  });

  // <button data-copy="#field" data-copied-text="Copied">: copy the field's value to the clipboard.
  document.querySelectorAll("button[data-copy]").forEach((button) => {
    button.addEventListener("click", () => {
      const field = document.querySelector(button.dataset.copy);
      field.select();
      if (navigator.clipboard) {
        navigator.clipboard.writeText(field.value);
      } else {
        document.execCommand("copy");
      }
      const icon = document.createElement("i");
      icon.className = "bi bi-check2";
      button.replaceChildren(icon, ` ${button.dataset.copiedText}`);
    });
  });
})();
