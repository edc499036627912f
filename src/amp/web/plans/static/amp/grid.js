// The budget grid as a spreadsheet (progressive enhancement: without this file every cell is
// a form of its own with a "Speichern" button, and the paste and undo forms post normally).
//
// - Arrow keys move between cells (left/right only at the start/end of the text or when it
//   is selected as a whole), Enter saves and moves down, Tab saves and moves to the next
//   cell (one tab stop per cell: the buttons leave the tab order), Esc brings back the
//   stored value. A changed value is saved before the focus moves on.
// - Ctrl+Z in a cell that was not changed undoes one's own last change on the server (as a
//   new, audited edit); in a changed cell it is the browser's own undo of the typing.
// - Pasting tab-separated rows (from Excel or LibreOffice) into a cell opens the block form
//   with the text and the cell as the start: the server answers with a preview first.
(function () {
  "use strict";

  var table = document.querySelector("table.budget");
  if (!table) {
    return;
  }
  var pendingFocus = null; // the id of the cell to focus once the save has been swapped in
  var focusSaved = false;

  function enhance() {
    table.classList.add("grid-js");
    var buttons = table.querySelectorAll("form.cell button");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("tabindex", "-1");
    }
  }

  function cells() {
    return Array.prototype.slice.call(table.querySelectorAll("input.grid-cell"));
  }

  function position(input) {
    var td = input.closest("td");
    return { row: td.parentElement, column: td.cellIndex };
  }

  // the cell above or below in the same column, skipping group heads and sums
  function vertical(input, step) {
    var here = position(input);
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
    var index = rows.indexOf(here.row);
    for (var i = index + step; i >= 0 && i < rows.length; i += step) {
      var cell = rows[i].cells[here.column];
      var found = cell && cell.querySelector("input.grid-cell");
      if (found) {
        return found;
      }
    }
    return null;
  }

  function sideways(input, step) {
    var all = cells();
    var next = all[all.indexOf(input) + step];
    return next || null;
  }

  function changed(input) {
    return input.value !== input.getAttribute("data-stored");
  }

  function focusCell(input) {
    if (input) {
      input.focus();
      input.select();
    }
  }

  function saveThenFocus(input, target) {
    pendingFocus = target ? target.id : input.id;
    input.form.requestSubmit();
  }

  function whollySelected(input) {
    return input.selectionStart === 0 && input.selectionEnd === input.value.length;
  }

  function move(event, input, target) {
    if (!target) {
      return;
    }
    event.preventDefault();
    if (changed(input)) {
      saveThenFocus(input, target);
    } else {
      focusCell(target);
    }
  }

  table.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!input.classList || !input.classList.contains("grid-cell")) {
      return;
    }
    var key = event.key;
    if ((event.ctrlKey || event.metaKey) && !event.shiftKey && (key === "z" || key === "Z")) {
      if (!changed(input)) {
        event.preventDefault();
        undo();
      }
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    if (key === "ArrowDown") {
      move(event, input, vertical(input, 1));
    } else if (key === "ArrowUp") {
      move(event, input, vertical(input, -1));
    } else if (key === "ArrowLeft" && (input.selectionEnd === 0 || whollySelected(input))) {
      move(event, input, sideways(input, -1));
    } else if (key === "ArrowRight" && (input.selectionStart === input.value.length || whollySelected(input))) {
      move(event, input, sideways(input, 1));
    } else if (key === "Enter") {
      event.preventDefault();
      var below = vertical(input, event.shiftKey ? -1 : 1);
      if (changed(input)) {
        saveThenFocus(input, below || input);
      } else {
        focusCell(below || input);
      }
    } else if (key === "Tab" && input.name === "betrag") {
      var next = sideways(input, event.shiftKey ? -1 : 1);
      if (next && changed(input)) {
        event.preventDefault();
        saveThenFocus(input, next);
      } else if (next) {
        event.preventDefault();
        focusCell(next);
      } else if (changed(input)) {
        event.preventDefault(); // the last cell: saved, and the focus stays for the next Tab
        saveThenFocus(input, input);
      }
    } else if (key === "Escape") {
      event.preventDefault();
      input.value = input.getAttribute("data-stored");
      input.removeAttribute("aria-invalid");
      input.select();
    }
  });

  // after amp.js has put the focus back on the saved field: on to the next cell, unless
  // the value was refused (then amp.js keeps the focus on the refused field)
  // saving a previewed block: afterwards the focus goes to its first cell
  document.addEventListener("htmx:beforeRequest", function (event) {
    var preview = document.getElementById("einfuegen-vorschau");
    if (preview && preview.contains(event.detail.elt)) {
      focusSaved = true;
    }
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    enhance();
    var preview = document.getElementById("einfuegen-vorschau");
    if (preview && event.detail.target === preview) {
      focusCell(null);
      var heading = preview.querySelector("[role=alert], h3");
      if (heading) {
        heading.setAttribute("tabindex", "-1");
        heading.focus();
      }
      return;
    }
    // htmx settles the target and each out-of-band part one after the other, and amp.js
    // refocuses the saved field each time: the last word stays here until all have settled
    var target = pendingFocus && document.getElementById(pendingFocus);
    var undone = focusSaved && table.querySelector("td.saved input.grid-cell");
    if (!target && !undone) {
      return;
    }
    window.setTimeout(function () {
      pendingFocus = null;
      focusSaved = false;
    }, 0);
    if (document.querySelector("#inhalt [aria-invalid=true]")) {
      return;
    }
    focusCell(undone || target);
  });

  document.addEventListener("htmx:responseError", function () {
    pendingFocus = null;
    focusSaved = false;
  });

  function undo() {
    var form = document.getElementById("rueckgaengig");
    if (form) {
      focusSaved = true;
      form.requestSubmit();
    }
  }

  // a block from a spreadsheet: rows separated by line breaks, cells by tabs
  table.addEventListener("paste", function (event) {
    var input = event.target;
    if (!input.classList || !input.classList.contains("grid-cell") || input.name !== "betrag") {
      return;
    }
    var text = (event.clipboardData || window.clipboardData).getData("text");
    if (text.indexOf("\t") < 0 && text.replace(/\r?\n$/, "").indexOf("\n") < 0) {
      return; // one value: the browser pastes it into the field as usual
    }
    var form = document.getElementById("einfuegen");
    if (!form) {
      return;
    }
    event.preventDefault();
    var cellForm = input.form;
    form.querySelector("[name=start]").value =
      cellForm.querySelector("[name=gruppe]").value + "-" +
      cellForm.querySelector("[name=zeile]").value + "-" +
      cellForm.querySelector("[name=spalte]").value;
    form.querySelector("textarea[name=block]").value = text;
    var details = form.closest("details");
    if (details) {
      details.open = true;
    }
    form.requestSubmit();
  });

  enhance();
})();
