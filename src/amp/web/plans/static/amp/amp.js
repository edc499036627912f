// After an htmx swap, move the keyboard focus to the message that reports the result,
// so that screen readers announce it and keyboard users do not lose their place.
document.addEventListener("htmx:afterSwap", function () {
  var message = document.querySelector("#stand .message");
  if (message) {
    message.setAttribute("tabindex", "-1");
    message.focus();
  }
});
