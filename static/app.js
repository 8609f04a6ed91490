// Leefwereld works without JavaScript; this file only adds comfort on top.
"use strict";

// Attachments: a "Kopieer" button beside each embed snippet. Without JavaScript the snippet is
// a read-only field the reader selects and copies by hand.
(function copyButtons() {
  document.querySelectorAll("input.copy-source").forEach(function (input) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "secondary copy-button";
    button.textContent = "Kopieer";
    var status = document.createElement("span");
    status.className = "hint-text";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      input.select();
      var done = function () { status.textContent = " Gekopieerd."; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(done, function () { status.textContent = " Selecteer de tekst en kopieer hem zelf."; });
      } else if (document.execCommand && document.execCommand("copy")) {
        done();
      } else {
        status.textContent = " Selecteer de tekst en kopieer hem zelf.";
      }
    });
    input.insertAdjacentElement("afterend", status);
    input.insertAdjacentElement("afterend", button);
  });
})();
