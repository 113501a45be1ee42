// Progressive enhancement only: every page works without this file and without htmx.
// After htmx swaps a page in (hx-boost), move the keyboard focus where a reader would expect it:
// to the error summary when a form was refused, else to the main landmark.
document.addEventListener("htmx:afterSettle", function () {
  var target = document.querySelector(".error-summary") || document.getElementById("main");
  if (target) { target.focus(); }
});
