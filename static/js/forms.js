// The public forms' error summary (issue 11, item 7): the summary takes focus as the page
// loads (autofocus), and a link in it moves focus to the field it names (a fragment link
// alone scrolls but does not focus). An external file, not inline script, so a strict
// Content-Security-Policy can forbid inline code.
(function () {
  "use strict";
  var summary = document.querySelector(".error-summary");
  if (!summary) {
    return;
  }
  // autofocus does it too; a browser that skipped it (focus already moved, or the
  // attribute ignored on a non-control) still gets the summary read first.
  if (document.activeElement === document.body) {
    summary.focus();
  }
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) {
      return;
    }
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (target) {
      event.preventDefault();
      target.scrollIntoView({ block: "center" });
      target.focus();
    }
  });
})();
