// The chapter editor's picker for bound figures (progressive enhancement: without
// JavaScript the table shows each figure's syntax to copy). A search field narrows the
// table; "Einfügen" puts the figure's syntax at the caret of the text and gives the text
// the focus back; a live region says what was inserted.
(function () {
  var text = document.getElementById("kapiteltext");
  var search = document.getElementById("kennziffer-suche");
  var status = document.getElementById("kennziffer-status");
  var rows = document.querySelectorAll("#kennziffern tbody tr");
  if (!text || !search || !rows.length) {
    return;
  }
  search.closest("p").hidden = false;
  document.querySelectorAll("button.insert-figure").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var syntax = button.getAttribute("data-insert");
      var start = text.selectionStart;
      var end = text.selectionEnd;
      text.value = text.value.slice(0, start) + syntax + text.value.slice(end);
      text.focus();
      text.setSelectionRange(start + syntax.length, start + syntax.length);
      status.textContent = "Eingefügt: " + syntax;
    });
  });
  search.addEventListener("input", function () {
    var wanted = search.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var match = !wanted || row.textContent.toLowerCase().indexOf(wanted) !== -1;
      row.hidden = !match;
      shown += match ? 1 : 0;
    });
    status.textContent = shown === 1 ? "1 Kennziffer" : shown + " Kennziffern";
  });
})();
