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

// A save that failed without an answer amp can swap in (server error, no connection, an
// expired session, a form the server no longer accepts) must not look like a success: the
// form goes back to the values last saved, the field is marked (aria-invalid), the message
// region says why (role=alert is read out at once) and no cell stays marked "gespeichert".
// An expired session offers the login page, which then leads back here.
function clearSaved() {
  var cells = document.querySelectorAll("td.saved");
  for (var i = 0; i < cells.length; i++) {
    cells[i].classList.remove("saved");
  }
}

function showFailure(form, text, login) {
  var field = form && form.querySelector("input[type=text]");
  var typed = field ? field.value.trim() : "";
  if (form && form.reset) {
    form.reset();
  }
  clearSaved();
  var region = document.getElementById("meldung");
  if (!region) {
    return;
  }
  var message = document.createElement("p");
  message.className = "message error";
  message.setAttribute("role", "alert");
  message.id = "meldung-fehler";
  var sentence = text;
  if (typed && field && typed !== field.value.trim()) {
    sentence += " Ihre Eingabe „" + typed + "“ wurde nicht gespeichert.";
  }
  message.appendChild(document.createTextNode(sentence));
  if (login) {
    message.appendChild(document.createTextNode(" "));
    var link = document.createElement("a");
    link.href = login;
    link.textContent = "Zur Anmeldung";
    message.appendChild(link);
  }
  region.replaceChildren(message);
  if (field) {
    field.setAttribute("aria-invalid", "true");
    field.setAttribute("aria-describedby", "meldung-fehler");
    field.focus();
  }
}

function plainText(xhr) {
  var type = xhr.getResponseHeader("Content-Type") || "";
  return type.indexOf("text/plain") === 0 ? xhr.responseText : "";
}

document.addEventListener("htmx:beforeRequest", clearSaved);

document.addEventListener("htmx:responseError", function (event) {
  var xhr = event.detail.xhr;
  var text = plainText(xhr);
  if (!text && xhr.status === 403) {
    text = "Nicht gespeichert: Sie dürfen diesen Stand nicht (mehr) ändern – vielleicht wurde er inzwischen beschlossen. Bitte die Seite neu laden.";
  } else if (!text && xhr.status === 404) {
    text = "Nicht gespeichert: diesen Stand gibt es nicht (mehr). Bitte die Seite neu laden.";
  } else if (!text) {
    text = "Nicht gespeichert: Fehler auf dem Server (" + xhr.status + "). Bitte später erneut versuchen.";
  }
  showFailure(event.detail.elt, text, xhr.getResponseHeader("X-Amp-Login"));
});

document.addEventListener("htmx:sendError", function (event) {
  showFailure(event.detail.elt, "Nicht gespeichert: keine Verbindung zum Server. Bitte erneut versuchen.", null);
});
