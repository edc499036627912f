// Keyboard and screen-reader flow after an htmx swap (no inline scripts: CSP).
// An edited field is replaced by the server's answer; focus goes back to the same field, or
// to it when it was refused (its error text is linked by aria-describedby), so that the
// planner can go on typing. The result is announced by the #meldung live region.
var lastField = null;

document.addEventListener("htmx:beforeRequest", function (event) {
  var active = document.activeElement;
  var form = event.detail.elt;
  if (active && active.id && form && form.contains(active)) {
    lastField = active.tagName === "BUTTON" ? form.querySelector("input[type=text]") : active;
  } else {
    lastField = null;
  }
});

document.addEventListener("htmx:afterSettle", function () {
  var invalid = document.querySelector("#inhalt [aria-invalid=true]");
  var target = invalid || (lastField && lastField.id && document.getElementById(lastField.id));
  if (target) {
    target.focus();
    if (target.select) {
      target.select();
    }
    return;
  }
  var message = document.querySelector("#stand .message");
  if (message) {
    message.setAttribute("tabindex", "-1");
    message.focus();
  }
});
