(function () {
  "use strict";
  var NAMES = {
    agreed: "Agreed",
    exclusive: "Only in one outlet",
    similar: "Only in one outlet's words",
    conflict: "Conflict"
  };
  var lit = [];

  function groupsOf(el) {
    return (el.getAttribute("data-groups") || "").split(" ").filter(Boolean);
  }

  function clear() {
    lit.forEach(function (el) { el.classList.remove("lit"); });
    lit = [];
  }

  function light(groups, origin) {
    clear();
    groups.forEach(function (group) {
      document.querySelectorAll('[data-groups~="' + group + '"]').forEach(function (el) {
        if (lit.indexOf(el) < 0) { el.classList.add("lit"); lit.push(el); }
      });
    });
    document.querySelectorAll(".source .text").forEach(function (column) {
      if (origin && column.contains(origin)) { return; }
      var first = column.querySelector(".claim.lit");
      if (first) { column.scrollTop = Math.max(0, first.offsetTop - 48); }
    });
    describe(groups);
  }

  function describe(groups) {
    var bar = document.querySelector(".bar");
    var fact = groups.length ? document.getElementById(groups[0]) : null;
    if (!bar || !fact) { return; }
    var status = ["conflict", "agreed", "exclusive", "similar"].filter(function (s) {
      return fact.classList.contains(s);
    })[0] || "agreed";
    var label = fact.querySelector(".label");
    bar.textContent = "";
    var strong = document.createElement("strong");
    strong.textContent = NAMES[status] + ": ";
    bar.appendChild(strong);
    bar.appendChild(document.createTextNode(label ? label.textContent : ""));
    var who = fact.querySelector(".who");
    if (who) { bar.appendChild(document.createTextNode(" — " + who.textContent)); }
    var link = document.createElement("a");
    link.href = "#" + groups[0];
    link.textContent = "see the fact";
    bar.appendChild(document.createTextNode(" "));
    bar.appendChild(link);
    bar.className = "bar " + status;
    bar.hidden = false;
  }

  document.addEventListener("click", function (event) {
    var claim = event.target.closest(".source .claim[data-groups]");
    if (claim) {
      event.preventDefault();
      light(groupsOf(claim), claim);
      var id = claim.getAttribute("data-claim");
      if (id && history.replaceState) { history.replaceState(null, "", "#" + id); }
      return;
    }
    if (event.target.closest(".bar a")) { return; }
    var fact = event.target.closest("[data-groups]");
    if (fact) { light(groupsOf(fact), null); }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      clear();
      var bar = document.querySelector(".bar");
      if (bar) { bar.hidden = true; }
    }
  });

  var start = location.hash ? document.getElementById(location.hash.slice(1)) : null;
  if (start) {
    var holder = start.closest("[data-groups]") || start;
    var groups = groupsOf(holder);
    if (groups.length) { light(groups, holder); }
  }
})();
