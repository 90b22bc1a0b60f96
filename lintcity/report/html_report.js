// lintcity review report: show a cell's details, apply the part / status / plan filters. No network.
(function () {
  "use strict";
  var panel = document.getElementById("detail");
  var selected = null;
  document.getElementById("matrix").addEventListener("click", function (event) {
    var button = event.target.closest("button[data-detail]");
    if (!button) { return; }
    var source = document.getElementById(button.getAttribute("data-detail"));
    if (!source) { return; }
    panel.innerHTML = source.innerHTML;  // pre-rendered and escaped by lintcity
    if (selected) { selected.classList.remove("selected"); }
    selected = button.parentNode;
    selected.classList.add("selected");
    panel.scrollIntoView({block: "nearest"});
  });
  function apply() {
    var part = document.getElementById("f-part").value;
    var status = document.getElementById("f-status").value;
    var plan = document.getElementById("f-plan").value;
    document.querySelectorAll("#matrix [data-part]").forEach(function (node) {
      node.toggleAttribute("data-hidden", part !== "" && node.getAttribute("data-part") !== part);
    });
    document.querySelectorAll("#matrix td.cell").forEach(function (node) {
      node.classList.toggle("faded", status !== "" && node.getAttribute("data-status") !== status);
    });
    document.querySelectorAll("#matrix tbody tr, article.card").forEach(function (node) {
      var hide = plan !== "" && node.getAttribute("data-plan") !== plan;
      if (!hide && status !== "" && node.tagName === "TR") {
        var cells = node.querySelectorAll("td.cell" + (part ? '[data-part="' + CSS.escape(part) + '"]' : ""));
        hide = !Array.prototype.some.call(cells, function (c) { return c.getAttribute("data-status") === status; });
      }
      node.toggleAttribute("data-hidden", hide);
    });
  }
  ["f-part", "f-status", "f-plan"].forEach(function (id) {
    document.getElementById(id).addEventListener("change", apply);
  });
}());
