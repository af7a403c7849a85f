// Enhancements only: every page works without this script.
(function () {
  "use strict";
  // Type-ahead: fill a speaker field's list from the speaker search as the editor types.
  function typeAhead(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2 || /\(#\d+\)\s*$/.test(q)) return;
      timer = setTimeout(function () {
        fetch("/desk/speakers.json?q=" + encodeURIComponent(q), {credentials: "same-origin"})
          .then(function (response) { return response.ok ? response.json() : []; })
          .then(function (found) {
            list.textContent = "";
            found.forEach(function (speaker) {
              var option = document.createElement("option");
              option.value = speaker.label;
              option.textContent = speaker.role || "";
              list.appendChild(option);
            });
          });
      }, 150);
    });
  }
  document.querySelectorAll("input[list]").forEach(typeAhead);

  // Accept and Reject without a round trip: the same hidden field the
  // server reads is set here, and the highlight and the count follow.
  document.querySelectorAll(".decide button").forEach(function (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var parts = button.value.split(":");
      var state = parts[0] === "accept" ? "accepted" : "rejected";
      var draft = document.getElementById("draft-" + parts[1]);
      draft.querySelector("input[name='d" + parts[1] + "-state']").value = state;
      draft.className = "draft " + state;
      draft.querySelector("legend .state").textContent = state;
      draft.querySelectorAll(".decide button").forEach(function (other) {
        other.setAttribute("aria-pressed", String(other === button));
      });
      var mark = document.getElementById("mark-" + parts[1]);
      if (mark) { mark.className = state; }
      var count = document.querySelector(".drafts .count");
      if (count) {
        count.textContent = document.querySelectorAll(".draft.accepted").length + " of " +
          document.querySelectorAll(".draft").length + " accepted";
      }
    });
  });

  // Select words in the article to add them as a missed claim.
  var article = document.getElementById("article-text");
  var missed = document.getElementById("missed_words");
  if (article && missed) {
    article.addEventListener("mouseup", function () {
      var selected = String(window.getSelection()).replace(/^\d+(?=\S)/, "").trim();
      if (selected) { missed.value = selected; }
    });
  }
  // The highlight follows a draft's words as they are corrected.
  document.querySelectorAll("textarea[name$='-words']").forEach(function (words) {
    var number = words.name.slice(1, -6);
    var mark = document.getElementById("mark-" + number);
    if (!mark) return;
    words.addEventListener("input", function () {
      var text = article.textContent;
      mark.classList.toggle("lost", text.indexOf(words.value.trim()) === -1);
    });
  });
})();
