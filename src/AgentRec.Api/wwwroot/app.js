// AgentRec chat page: streams the Recommend hub method and renders every value as text (never as HTML).
"use strict";

(() => {
  const conversationEl = document.getElementById("conversation");
  const form = document.getElementById("composer");
  const input = document.getElementById("message");
  const sendButton = document.getElementById("send");
  const statusEl = document.getElementById("status");
  const turnTemplate = document.getElementById("turn-template");
  const cardTemplate = document.getElementById("card-template");

  const userId = (() => {
    const key = "agentrec.userId";
    let id = null;
    try { id = localStorage.getItem(key); } catch { /* storage disabled: a session-only id */ }
    if (!id) {
      id = "web-" + Math.random().toString(36).slice(2, 12);
      try { localStorage.setItem(key, id); } catch { /* ignore */ }
    }
    return id;
  })();
  let conversationId = null;
  let busy = false;

  const connection = new signalR.HubConnectionBuilder()
    .withUrl("hubs/recommend")
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => Math.min(1000 * (ctx.previousRetryCount + 1), 5000) })
    .build();

  function setStatus(state, text) {
    statusEl.dataset.state = state;
    statusEl.textContent = text;
  }

  connection.onreconnecting(() => setStatus("reconnecting", "Connection lost. Reconnecting…"));
  connection.onreconnected(() => setStatus("connected", "Connected"));
  connection.onclose(() => {
    setStatus("disconnected", "Disconnected from AgentRec. Retrying…");
    setTimeout(start, 2000);
  });

  async function start() {
    if (connection.state !== signalR.HubConnectionState.Disconnected) return;
    try {
      await connection.start();
      setStatus("connected", "Connected");
    } catch {
      setStatus("disconnected", "Cannot reach AgentRec. Retrying…");
      setTimeout(start, 2000);
    }
  }

  function chip(list, text, excluded) {
    const li = document.createElement("li");
    li.className = excluded ? "chip excluded" : "chip";
    li.textContent = text;
    list.appendChild(li);
  }

  function renderIntent(list, intent) {
    list.replaceChildren();
    for (const g of intent.genres || []) chip(list, g);
    for (const g of intent.excludeGenres || []) chip(list, "no " + g, true);
    if (intent.yearFrom != null && intent.yearTo != null) chip(list, intent.yearFrom === intent.yearTo ? String(intent.yearFrom) : intent.yearFrom + "–" + intent.yearTo);
    else if (intent.yearFrom != null) chip(list, "from " + intent.yearFrom);
    else if (intent.yearTo != null) chip(list, "up to " + intent.yearTo);
    for (const s of intent.similarTo || []) chip(list, "like " + s.title);
    for (const k of intent.keywords || []) chip(list, k);
    if (intent.sort && intent.sort !== "relevance") chip(list, "sort: " + intent.sort);
    if (intent.domain && intent.domain !== "movie") chip(list, intent.domain);
    if (intent.count != null) chip(list, intent.count + (intent.count === 1 ? " item" : " items"));
  }

  function renderItem(list, item) {
    const card = cardTemplate.content.firstElementChild.cloneNode(true);
    card.dataset.itemId = item.itemId;
    card.querySelector(".title").textContent = item.title;
    const meta = [item.year != null ? String(item.year) : null, (item.genres || []).join(", ") || null].filter(Boolean);
    card.querySelector(".meta").textContent = meta.join(" · ");
    card.querySelector(".reason").textContent = (item.reasons || []).slice(0, 2).join("; ");
    for (const button of card.querySelectorAll("button[data-signal]")) {
      button.setAttribute("aria-pressed", "false");
      button.setAttribute("aria-label", button.querySelector(".label").textContent + ": " + item.title);
      button.addEventListener("click", () => sendFeedback(card, button, item.itemId, button.dataset.signal));
    }
    list.appendChild(card);
  }

  async function sendFeedback(card, button, itemId, signal) {
    button.disabled = true;
    try {
      await connection.invoke("Feedback", { userId, itemId, conversationId, signal });
      for (const b of card.querySelectorAll("button[data-signal]")) b.setAttribute("aria-pressed", String(b === button));
    } catch (err) {
      showError(card.closest(".turn"), "Your feedback was not saved: " + messageOf(err));
    } finally {
      button.disabled = false;
    }
  }

  function showError(turn, text) {
    const el = turn.querySelector(".error");
    el.textContent = text;
    el.hidden = false;
  }

  function messageOf(err) {
    const text = (err && err.message) || String(err);
    return text.replace(/^An unexpected error occurred invoking '\w+' on the server\. ?/, "").replace(/^HubException: /, "");
  }

  function send(message) {
    if (busy || !message.trim()) return;
    if (connection.state !== signalR.HubConnectionState.Connected) {
      const turn = addTurn(message);
      showError(turn, "Not connected to AgentRec yet; your message was not sent. It is still in the box.");
      return;
    }
    busy = true;
    sendButton.disabled = true;
    input.value = "";
    const turn = addTurn(message);
    const chips = turn.querySelector(".chips");
    const cards = turn.querySelector(".cards");
    const explanation = turn.querySelector(".explanation");
    let finished = false;
    const done = () => { busy = false; sendButton.disabled = false; input.focus(); };

    connection.stream("Recommend", { message, userId, conversationId }).subscribe({
      next: ev => {
        switch (ev.type) {
          case "intent": renderIntent(chips, ev.intent); break;
          case "item": renderItem(cards, ev.item); break;
          case "token": explanation.textContent += ev.text; break;
          case "done": conversationId = ev.conversationId; finished = true; turn.dataset.state = "done"; break;
          case "error": showError(turn, ev.error.message); finished = true; turn.dataset.state = "error"; break;
        }
        conversationEl.scrollTop = conversationEl.scrollHeight;
      },
      complete: () => {
        if (!finished) showError(turn, "The answer ended early.");
        done();
      },
      error: err => {
        turn.dataset.state = "error";
        showError(turn, "The connection was lost before the answer finished (" + messageOf(err) + "). Reconnecting; send again when connected.");
        if (!input.value) input.value = message;
        done();
      },
    });
  }

  function addTurn(message) {
    const turn = turnTemplate.content.firstElementChild.cloneNode(true);
    turn.querySelector(".you").textContent = message;
    conversationEl.appendChild(turn);
    return turn;
  }

  form.addEventListener("submit", e => { e.preventDefault(); send(input.value); });
  input.addEventListener("keydown", e => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      send(input.value);
    }
  });

  start();
})();
