// The quiz page: one question at a time, feedback after each, a summary and a retry of the missed.
// Every text from the content is set with textContent, never parsed as HTML.
"use strict";

(function () {
  const QUIZ = JSON.parse(document.getElementById("quiz-data").textContent);
  const $ = (id) => document.getElementById(id);
  const LETTERS = "abcdefghij";
  const STORE_KEY = "azrs-quiz:" + QUIZ.id;

  // --- Typed answers: the same rule as azrs_quiz/questions/marking.py --------------------

  const FOLDS = {
    "đ": "d", "ø": "o", "ł": "l", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th", "ə": "a", "ħ": "h",
    "ß": "ss", "ς": "σ", "$": " usd ", "€": " eur ", "£": " gbp ",
    "'": "", "\u2019": "", "\u02bc": "", "`": "",
  };
  const FOLDABLE = new RegExp("[" + Object.keys(FOLDS).join("").replace(/[$\]\\^-]/g, "\\$&") + "]", "gu");
  const THOUSANDS = /(\p{Nd})[,.\u2019 ](?=\p{Nd}{3}(?!\p{Nd}))/gu;
  const DIGIT_LETTER = /(?<=\p{Nd})(?=[\p{L}\p{Nl}\p{No}])|(?<=[\p{L}\p{Nl}\p{No}])(?=\p{Nd})/gu;
  const NOT_WORD = /[^\p{L}\p{N}]+/gu;
  const NEAR_MISS_MIN_LENGTH = QUIZ.nearMissMinLength;

  function normalize(text) {
    let folded = text.normalize("NFKD").replace(/\p{Mn}/gu, "").toLowerCase();
    folded = folded.replace(FOLDABLE, (char) => FOLDS[char]);
    folded = folded.replace(THOUSANDS, "$1").replace(DIGIT_LETTER, " ");
    return folded.replace(NOT_WORD, " ").trim().replace(THOUSANDS, "$1");
  }

  // Optimal string alignment: insertions, deletions, substitutions and swaps of neighbours.
  function editDistance(first, second) {
    const a = Array.from(first);
    const b = Array.from(second);
    let before = [];
    let previous = [];
    let row = b.map((_, j) => j + 1);
    row.unshift(0);
    for (let i = 1; i <= a.length; i++) {
      [before, previous, row] = [previous, row, [i]];
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          row[j] = Math.min(row[j], before[j - 2] + 1);
        }
      }
    }
    return row[b.length];
  }

  function typoTolerant(form) {
    return Array.from(form).length >= NEAR_MISS_MIN_LENGTH && !/\p{Nd}/u.test(form);
  }

  // key: {shown, accepted, refused}; the verdict says whether it is right, and nearly so.
  function mark(key, typed) {
    const form = normalize(typed);
    if (key.accepted.includes(form)) return { correct: true, nearMiss: false };
    const near = form !== "" && !key.refused.includes(form) &&
      key.accepted.some((accepted) => typoTolerant(accepted) && editDistance(form, accepted) === 1);
    return { correct: near, nearMiss: near };
  }

  // For tests and the curious: the marking rule, checkable against Python's.
  window.azrsMarking = Object.freeze({ normalize, editDistance, mark });

  // --- Small helpers ---------------------------------------------------------------------

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function webLink(url, text) {
    if (!/^https?:\/\//i.test(url)) return document.createTextNode(text);
    const link = element("a", text);
    link.href = url;
    link.rel = "noopener noreferrer";
    link.target = "_blank";
    return link;
  }

  function plural(count, noun) {
    return count + " " + noun + (count === 1 ? "" : "s");
  }

  function shuffled(items) {
    const copy = items.slice();
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }

  const byId = new Map(QUIZ.questions.map((question) => [question.id, question]));

  // --- The state of a round: questions (with the order their options are shown in) and answers

  let round = null;

  function newRound(items, title) {
    round = { title, items, index: 0, answers: [], answered: false };
  }

  function firstRound() {
    newRound(QUIZ.questions.map((q) => ({ id: q.id, order: q.options.map((_, i) => i) })), "Score");
  }

  function current() {
    const item = round.items[round.index];
    return { item, question: byId.get(item.id) };
  }

  function label(question, order, optionIndex) {
    return LETTERS[order.indexOf(optionIndex)] + ") " + question.options[optionIndex];
  }

  function isTyped(question) {
    return QUIZ.typed && question.typed !== undefined;
  }

  // --- Showing a question ----------------------------------------------------------------

  function showQuestion(focus) {
    const { item, question } = current();
    round.answered = false;
    show("question");
    $("position").textContent =
      "Question " + (round.index + 1) + " of " + round.items.length + " · " + question.topic;
    $("prompt").textContent = question.prompt;
    const list = $("options");
    list.replaceChildren();
    const typed = isTyped(question);
    list.hidden = typed;
    $("typed").hidden = !typed;
    $("typed-answer").value = "";
    $("typed-answer").disabled = false;
    $("typed").querySelector("button").disabled = false;
    if (!typed) {
      item.order.forEach((optionIndex, position) => {
        const button = element("button");
        button.type = "button";
        button.dataset.option = String(optionIndex);
        button.append(element("span", LETTERS[position] + ")", "letter"), element("span", question.options[optionIndex]));
        button.addEventListener("click", () => answer(optionIndex));
        const entry = element("li");
        entry.append(button);
        list.append(entry);
      });
      const last = item.order.length;
      $("keys").textContent = "Keys: a–" + LETTERS[last - 1] + " or 1–" + last + " to answer, s to skip.";
    } else {
      $("keys").textContent = "Type your answer and press Enter; s outside the box skips.";
    }
    $("skip").hidden = false;
    $("feedback").hidden = true;
    if (focus) (typed ? $("typed-answer") : $("prompt")).focus();
  }

  function show(sectionId) {
    $("question").hidden = sectionId !== "question";
    $("summary").hidden = sectionId !== "summary";
    $("quiz").dataset.state = sectionId;
  }

  // --- Answering -------------------------------------------------------------------------

  // choice: the option index chosen; typed: the text typed instead; neither: a skip.
  function answer(choice, typed) {
    if (round.answered) return;
    const { question } = current();
    let verdict = { correct: choice !== null && choice === question.answer, nearMiss: false };
    if (typed !== undefined) verdict = mark(question.typed, typed);
    const skipped = choice === null && typed === undefined;
    const record = { id: question.id, choice, typed, skipped, correct: verdict.correct, nearMiss: verdict.nearMiss };
    round.answers.push(record);
    round.answered = true;
    save();
    showFeedback(record, true);
  }

  function verdictText(question, order, record) {
    const key = answerText(question, order);
    if (record.skipped) return ["– Skipped.", " The answer is " + key + "."];
    if (record.nearMiss) return ["✓ Right, nearly.", " The answer is spelled " + key + "."];
    if (record.correct) return ["✓ Right!", " The answer is " + key + "."];
    return ["✗ Wrong.", " " + givenText(question, order, record) + "; the answer is " + key + "."];
  }

  function answerText(question, order) {
    return isTyped(question) ? question.typed.shown : label(question, order, question.answer);
  }

  function givenText(question, order, record) {
    if (record.skipped) return "Skipped";
    if (record.typed !== undefined) return "You typed “" + record.typed + "”";
    return "You chose " + label(question, order, record.choice);
  }

  function showFeedback(record, focus) {
    const { item, question } = current();
    for (const button of $("options").querySelectorAll("button")) {
      const option = Number(button.dataset.option);
      button.disabled = true;
      if (option === question.answer) {
        button.classList.add("is-right");
        button.append(element("span", "✓ answer", "mark"));
      } else if (option === record.choice) {
        button.classList.add("is-wrong");
        button.append(element("span", "✗ your choice", "mark"));
      }
    }
    $("typed-answer").disabled = true;
    $("typed").querySelector("button").disabled = true;
    if (record.typed !== undefined) $("typed-answer").value = record.typed;
    $("skip").hidden = true;
    $("keys").textContent = "Keys: n or Enter for the next question.";

    const feedback = $("feedback");
    feedback.className = "feedback " + (record.correct ? "is-right" : "is-wrong");
    const [head, rest] = verdictText(question, item.order, record);
    const verdict = $("verdict");
    verdict.replaceChildren(element("strong", head), document.createTextNode(rest));
    $("explanation").textContent = question.explanation;
    const sources = $("sources");
    sources.replaceChildren();
    question.sources.forEach((key, number) => {
      const source = QUIZ.sources[key];
      const line = element("li", number === 0 ? (question.sources.length === 1 ? "Source: " : "Sources: ") : "");
      line.append(source.url && !source.via ? webLink(source.url, source.text) : source.text);
      if (source.via) line.append(" (cited in ", webLink(source.url, source.via), ")");
      sources.append(line);
    });
    const last = round.index === round.items.length - 1;
    $("next").textContent = last ? "See your score" : "Next question";
    feedback.hidden = false;
    if (focus) verdict.focus();
  }

  function next() {
    if (!round.answered) return;
    if (round.index < round.items.length - 1) {
      round.index += 1;
      save();
      showQuestion(true);
    } else {
      round.index = round.items.length;
      save();
      showSummary(true);
    }
  }

  // --- The summary ---------------------------------------------------------------------------

  function showSummary(focus) {
    show("summary");
    const answers = round.answers;
    const right = answers.filter((record) => record.correct).length;
    const percent = answers.length ? Math.round((100 * right) / answers.length) : 0;
    $("score").textContent = round.title + ": " + right + "/" + answers.length + " (" + percent + "%)";

    const topics = new Map();
    for (const record of answers) {
      const topic = byId.get(record.id).topic;
      const tally = topics.get(topic) || { right: 0, total: 0 };
      tally.total += 1;
      tally.right += record.correct ? 1 : 0;
      topics.set(topic, tally);
    }
    const body = $("topics").tBodies[0];
    body.replaceChildren();
    for (const topic of QUIZ.topics) {
      const tally = topics.get(topic);
      if (!tally) continue;
      const row = body.insertRow();
      row.append(element("th", topic), element("td", tally.right + "/" + tally.total),
        element("td", Math.round((100 * tally.right) / tally.total) + "%"));
      row.cells[0].scope = "row";
    }

    const missed = answers.filter((record) => !record.correct);
    const list = $("missed");
    list.replaceChildren();
    for (const record of missed) {
      const question = byId.get(record.id);
      const item = round.items.find((candidate) => candidate.id === record.id);
      const entry = element("li");
      entry.append(element("p", question.prompt));
      entry.append(element("p", missedLine(question, item.order, record)));
      list.append(entry);
    }
    $("missed-heading").hidden = list.hidden = missed.length === 0;
    $("nothing-missed").hidden = missed.length > 0;
    $("retry").hidden = missed.length === 0;
    $("retry").textContent = "Retry the " + plural(missed.length, "missed question");
    if (focus) $("score").focus();
  }

  function missedLine(question, order, record) {
    return givenText(question, order, record) + "; the answer is " + answerText(question, order) + ".";
  }

  function retryMissed() {
    const missed = round.answers.filter((record) => !record.correct);
    const items = shuffled(missed).map((record) => {
      const question = byId.get(record.id);
      return { id: record.id, order: shuffled(question.options.map((_, i) => i)) };
    });
    newRound(items, "Retry score");
    save();
    showQuestion(true);
  }

  function restart() {
    firstRound();
    save();
    showQuestion(true);
  }

  // --- Keyboard: a–d or 1–4 answer, s skips, n or Enter goes on --------------------------

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || $("question").hidden) return;
    const target = event.target;
    const typing = (target instanceof HTMLInputElement && target.type === "text") || target instanceof HTMLTextAreaElement;
    if (typing) return;
    const key = event.key.toLowerCase();
    const { item, question } = current();
    if (round.answered) {
      const onControl = target instanceof HTMLButtonElement || target instanceof HTMLAnchorElement;
      if (key === "n" || (key === "enter" && !onControl)) {
        event.preventDefault();
        next();
      }
      return;
    }
    if (key === "s") {
      event.preventDefault();
      answer(null);
      return;
    }
    if (isTyped(question)) return;
    let position = LETTERS.indexOf(key);
    if (/^[1-9]$/.test(key)) position = Number(key) - 1;
    if (key.length === 1 && position >= 0 && position < item.order.length) {
      event.preventDefault();
      answer(item.order[position]);
    }
  });

  $("typed").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("typed-answer").value;
    if (text.trim() === "") {
      $("typed-answer").focus();
      return;
    }
    answer(null, text);
  });

  $("skip").addEventListener("click", () => answer(null));
  $("next").addEventListener("click", next);
  $("retry").addEventListener("click", retryMissed);
  $("restart").addEventListener("click", restart);

  // --- Progress kept in this browser, only when the learner asks -------------------------

  function storage() {
    try {
      return window.localStorage;
    } catch (error) {
      return null; // blocked by the browser's settings
    }
  }

  function save() {
    const store = storage();
    if (!store || !$("remember").checked) return;
    try {
      store.setItem(STORE_KEY, JSON.stringify({ version: 1, round }));
      $("saving-status").textContent = "Progress saved in this browser.";
    } catch (error) {
      $("saving-status").textContent = "This browser would not save the progress.";
    }
  }

  function restore() {
    const store = storage();
    try {
      const saved = store && JSON.parse(store.getItem(STORE_KEY) || "null");
      if (!saved || saved.version !== 1 || !fits(saved.round)) return false;
      round = saved.round;
      $("remember").checked = true;
      $("saving-status").textContent = "Carrying on from your saved progress.";
      return true;
    } catch (error) {
      return false;
    }
  }

  // A saved round is used only if it still matches this page's questions.
  function fits(saved) {
    const items = saved && saved.items;
    return Array.isArray(items) && items.length > 0 && Array.isArray(saved.answers) &&
      Number.isInteger(saved.index) && saved.index >= 0 && saved.index <= items.length &&
      saved.answers.length <= items.length && saved.answers.length >= saved.index &&
      items.every((item) => {
        const question = byId.get(item.id);
        return question !== undefined && Array.isArray(item.order) &&
          item.order.slice().sort((a, b) => a - b).join() === question.options.map((_, i) => i).join();
      });
  }

  function setUpSaving() {
    if (!storage()) return;
    $("saving").hidden = false;
    $("remember").addEventListener("change", () => {
      if ($("remember").checked) save();
      else forget("Progress is no longer kept.");
    });
    $("forget").addEventListener("click", () => {
      $("remember").checked = false;
      forget("Saved progress cleared.");
    });
  }

  function forget(message) {
    const store = storage();
    if (store) store.removeItem(STORE_KEY);
    $("saving-status").textContent = message;
  }

  // --- Start -----------------------------------------------------------------------------

  setUpSaving();
  if (!restore()) firstRound();
  if (round.index >= round.items.length) {
    showSummary(false);
  } else {
    const answered = round.answers.length > round.index;
    showQuestion(false);
    if (answered) {
      round.answered = true;
      showFeedback(round.answers[round.index], false);
    }
  }
})();
