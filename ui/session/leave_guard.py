"""Text typed into a box and then left at once, by a click on a link to another page, is saved first.

Streamlit sends a text box's value when the box loses focus, but a click on a page link sends the
page change first and the box's value after it, with the old page's address: the server then either
stays on the old page or drops the value. This script, shipped with the app (nothing is loaded from
elsewhere), holds such a click until the box's value has been sent and its rerun has finished, then
clicks the link again.

A reload, a closed tab or a server restart gives no such chance, so while a person types a note, an
action's owner or date or a profile field, the text is also kept as a draft in the browser's own
storage (`localStorage`, under a SHA-256 of the page's address, or two FNV-1a lanes where plain http
offers no `crypto.subtle`: never the address or its token itself; a week-old draft is removed).
When the box shows again with another value, the draft is put back and sent, as if the person had
left the box; a draft the server has is forgotten, and one older than what another tab saved since
is dropped. Only where the browser keeps no draft does a reload or close ask first.
"""

from __future__ import annotations

import streamlit as st

from ui.session.saving import mark_page_drawn

_SCRIPT = r"""<script>
(() => {
  const doc = (window.parent && window.parent.document) || document;
  if (doc.olrLeaveGuard) return;
  doc.olrLeaveGuard = true;
  const FIELDS = 'textarea, input[type="text"], input:not([type])';
  const changed = (el) => el && el.matches && el.matches(FIELDS) && el.value !== el.olrStart;
  let held = null;
  doc.addEventListener('focusin', (e) => {
    if (e.target.matches && e.target.matches(FIELDS)) e.target.olrStart = e.target.value;
  }, true);
  doc.addEventListener('pointerdown', (e) => {
    const link = e.target.closest && e.target.closest('a[href]');
    held = link && changed(doc.activeElement) ? link : null;
  }, true);
  const state = () => {
    const app = doc.querySelector('[data-testid="stApp"]');
    return app ? app.dataset.testScriptState : 'notRunning';
  };
  const settled = () => new Promise((resolve) => {
    const started = Date.now();
    let ran = false;
    const poll = () => {
      const now = state();
      ran = ran || now === 'running';
      const waited = Date.now() - started;
      if ((ran && now !== 'running') || (!ran && waited > 400) || waited > 8000) resolve();
      else setTimeout(poll, 40);
    };
    poll();
  });
  doc.addEventListener('click', (e) => {
    const link = e.target.closest && e.target.closest('a[href]');
    if (!link || link !== held) return;
    held = null;
    e.preventDefault();
    e.stopImmediatePropagation();
    settled().then(() => link.click());
  }, true);
  // Drafts: keyed by the widget's key without the session's generation number (note-3-q -> note-q).
  const DRAFTED = /^st-key-((?:note|plan-owner|plan-due|profile)-.*)$/;
  const win = doc.defaultView || window;
  const draftKey = (el) => {
    const box = el.closest && el.closest('[class*="st-key-"]');
    if (!box) return null;
    for (const name of box.classList) {
      const m = DRAFTED.exec(name);
      if (m) return m[1].replace(/-\d+(?=-|$)/, '');
    }
    return null;
  };
  // 'olr-draft:' + sha256(address) + ':', for the address now (the guard outlives page changes).
  const prefixes = new Map();
  const prefix = async () => {
    const token = new URLSearchParams(win.location.search).get('a');
    if (!token) return null;
    const where = win.location.pathname + '?a=' + token;
    if (!prefixes.has(where)) {
      let hex;
      if (win.crypto && win.crypto.subtle) {
        const digest = await win.crypto.subtle.digest('SHA-256', new TextEncoder().encode(where));
        hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
      } else {  // plain http on a room's LAN address has no crypto.subtle: two FNV-1a lanes (64 bits);
        let a = 0x811c9dc5, b = 0x01000193 ^ 0x5bd1e995;  // the token (256 random bits) cannot be read back
        for (const ch of new TextEncoder().encode(where)) {
          a = Math.imul(a ^ ch, 0x01000193) >>> 0;
          b = Math.imul(b ^ ch, 0x01000193 + 0x1b873593) >>> 0;
        }
        hex = 'f' + a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
      }
      prefixes.set(where, 'olr-draft:' + hex + ':');
    }
    return prefixes.get(where);
  };
  const store = () => { try { return win.localStorage; } catch (err) { return null; } };
  // This tab, across its reloads (sessionStorage lives as long as the tab): another open tab's draft
  // is left to that tab until its typing has stopped for a while.
  let tab = null;
  try {
    tab = win.sessionStorage.getItem('olr-tab')
      || (win.crypto.randomUUID ? win.crypto.randomUUID() : String(Math.random()));
    win.sessionStorage.setItem('olr-tab', tab);
  } catch (err) { tab = String(Math.random()); }
  const IDLE_MS = 10000;
  const readDraft = (ls, key) => {
    try { const d = JSON.parse(ls.getItem(key)); return d && typeof d.v === 'string' ? d : null; }
    catch (err) { return null; }
  };
  let kept = false;  // the last keystroke is in the draft store
  doc.addEventListener('input', async (e) => {
    const el = e.target;
    kept = false;
    if (el.olrRestoring || !(el.matches && el.matches(FIELDS))) return;
    const key = draftKey(el);
    const ls = store();
    if (!key || !ls) return;
    // Read once the box's own handler has run: a box with a length limit cuts the text after this event,
    // and a draft longer than the box can hold could never be put back (nor ever match, to be forgotten).
    await new Promise((resolve) => setTimeout(resolve, 0));
    // `b`: what the box held when the typing began, i.e. what the server had then.
    const draft = JSON.stringify({ v: el.value, b: el.olrStart === undefined ? null : el.olrStart, tab,
                                   at: Date.now() });
    const p = await prefix();
    if (!p) return;
    try { ls.setItem(p + key, draft); kept = true; } catch (err) { kept = false; }
  }, true);
  const setValue = (el, value) => {
    const proto = el.tagName === 'TEXTAREA' ? win.HTMLTextAreaElement.prototype : win.HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, value);
  };
  const WEEK_MS = 7 * 24 * 3600 * 1000;
  let swept = false;
  const sweep = (ls) => {  // drafts of boxes that never showed again (a question that no longer applies)
    if (swept) return;
    swept = true;
    for (let i = ls.length - 1; i >= 0; i--) {
      const key = ls.key(i);
      if (!key || !key.startsWith('olr-draft:')) continue;
      const d = readDraft(ls, key);
      if (!d || !(Date.now() - d.at < WEEK_MS)) ls.removeItem(key);
    }
  };
  const restore = async () => {
    const ls = store();
    const p = await prefix();
    if (!p || !ls || state() === 'running') return;
    try { sweep(ls); } catch (err) { /* a storage that refuses is no reason to stop */ }
    for (const el of doc.querySelectorAll(FIELDS)) {
      const key = draftKey(el);
      if (!key || el === doc.activeElement) continue;
      const saved = readDraft(ls, p + key);
      if (saved === null) continue;
      const draft = saved.v;
      if (el.value === draft) {  // the server has it once it has drawn the page since the typing
        if (lastRun > saved.at) ls.removeItem(p + key);
        continue;
      }
      if (saved.tab !== tab && Date.now() - saved.at < IDLE_MS) continue;  // another tab is still typing it
      if (typeof saved.b === 'string' && el.value !== saved.b) {  // changed and saved since (another tab):
        ls.removeItem(p + key);  // the newer saved text wins; an older draft never undoes it
        continue;
      }
      if (el.olrRestored === draft) continue;  // sent once already; wait for the server's answer
      el.olrRestored = draft;
      el.olrRestoring = true;
      setValue(el, draft);
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.olrRestoring = false;
      el.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
      el.dispatchEvent(new FocusEvent('blur'));
      return;  // one at a time: each one sends a rerun
    }
  };
  let timer = null;
  let lastRun = 0;  // when a script run last finished: the server was there then (none while it is away)
  let wasRunning = false;
  new win.MutationObserver(() => {
    const running = state() === 'running';
    if (wasRunning && !running) lastRun = Date.now();
    wasRunning = running;
    clearTimeout(timer);
    timer = setTimeout(restore, 300);
  }).observe(doc.body, { childList: true, subtree: true, attributes: true,
                         attributeFilter: ['data-test-script-state'] });
  restore();
  win.addEventListener('beforeunload', (e) => {
    const el = doc.activeElement;
    if (changed(el)) {
      el.blur();
      if (!(kept && draftKey(el))) {  // no draft of it survives the reload: ask first
        e.preventDefault();
        e.returnValue = '';
      }
    }
  });
})();
</script>"""


def show() -> None:
    """Install the guard in the page (once; later runs find it in place); note which page is drawn."""
    mark_page_drawn()
    st.html(_SCRIPT, unsafe_allow_javascript=True, width="content")
