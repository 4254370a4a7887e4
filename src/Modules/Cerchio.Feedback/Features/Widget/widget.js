/* Cerchio: a survey's "tell us what you think" button for a website, added by one script tag (src .../s/{key}/widget.js).
   The server puts the survey's settings (JSON) in place of the marker at the bottom. It adds one element, draws
   everything inside its shadow root, defines no global and reads nothing of the page but its language. */
(function (settings, script) {
    'use strict';
    var MARK = 'data-cerchio-widget';
    if (!settings || !script || typeof HTMLDialogElement !== 'function' || !Element.prototype.attachShadow) {
        return;
    }

    var CSS = ':host{all:initial}'
        + '.open{position:fixed;right:20px;bottom:20px;z-index:2147483000;min-height:44px;padding:12px 20px;border:0;border-radius:999px;'
        + 'background:var(--c);color:#fff;font:600 16px/1.25 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;cursor:pointer;'
        + 'box-shadow:0 4px 14px rgba(0,0,0,.25)}'
        + 'button:focus-visible{outline:3px solid #1d1d1f;outline-offset:2px;box-shadow:0 0 0 6px #fff}'
        + 'dialog{box-sizing:border-box;width:min(480px,calc(100vw - 24px));height:min(680px,calc(100vh - 24px));max-width:none;max-height:none;'
        + 'padding:0;border:0;border-top:6px solid var(--c);border-radius:12px;background:#fff;color:#1d1d1f;'
        + 'font:16px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;box-shadow:0 10px 40px rgba(0,0,0,.35)}'
        + 'dialog[open]{display:flex;flex-direction:column}'
        + 'dialog::backdrop{background:rgba(0,0,0,.45)}'
        + '.bar{display:flex;align-items:center;gap:8px;padding:4px 4px 4px 16px;border-bottom:1px solid #d2d2d7}'
        + 'h2{flex:1;margin:0;font-size:17px;font-weight:600}'
        + '.close{width:44px;height:44px;border:0;border-radius:8px;background:transparent;color:#1d1d1f;font:400 28px/1 system-ui,sans-serif;cursor:pointer}'
        + '.close:hover{background:#f5f5f7}'
        + 'iframe{flex:1;width:100%;border:0}';

    function el(name, attributes, text) {
        var e = document.createElement(name);
        Object.keys(attributes).forEach(function (a) { e.setAttribute(a, attributes[a]); });
        if (text) {
            e.textContent = text;
        }
        return e;
    }

    function mount() {
        // Included twice (or two surveys on one page): the first button stays the only one.
        if (document.querySelector('[' + MARK + ']')) {
            return;
        }

        var asked = script.getAttribute('data-lang') || document.documentElement.lang || '';
        var lang = asked.slice(0, 2).toLowerCase() === 'en' ? 'en' : 'it';
        var texts = settings.texts[lang];
        var page = new URL(settings.page, script.src);
        page.searchParams.set('lang', lang);

        var host = el('div', {});
        host.setAttribute(MARK, '');
        // The page's own rules on div cannot move or hide the host; inside, its styles do not reach.
        host.style.cssText = 'all:initial !important';
        var root = host.attachShadow({ mode: 'open' });
        var wrapper = el('div', {});
        // Set through the CSS object model: a value that is not a colour is dropped, never parsed as more rules.
        wrapper.style.setProperty('--c', /^#[0-9a-f]{6}$/i.test(settings.color) ? settings.color : '#0b5cad');

        var open = el('button', { type: 'button', 'class': 'open', 'aria-haspopup': 'dialog' }, texts.open);
        var dialog = el('dialog', { 'aria-labelledby': 'cerchio-title', 'aria-modal': 'true' });
        var bar = el('div', { 'class': 'bar' });
        bar.appendChild(el('h2', { id: 'cerchio-title' }, texts.title));
        var close = el('button', { type: 'button', 'class': 'close', 'aria-label': texts.close }, '\u00d7');
        bar.appendChild(close);
        var frame = el('iframe', { title: texts.frame });
        dialog.appendChild(bar);
        dialog.appendChild(frame);

        open.addEventListener('click', function () {
            // The survey page loads on the first opening only: a visit that never opens it costs the survey nothing.
            if (!frame.getAttribute('src')) {
                frame.setAttribute('src', page.href);
            }
            dialog.showModal();
            close.focus();
        });
        close.addEventListener('click', function () { dialog.close(); });
        // A click on the backdrop closes too; Esc closes by itself (the dialog's cancel).
        dialog.addEventListener('click', function (e) {
            if (e.target === dialog) {
                dialog.close();
            }
        });
        dialog.addEventListener('close', function () { open.focus(); });
        // Esc pressed inside the survey's frame reaches only the frame, which passes it on (SurveyDocument.razor).
        window.addEventListener('message', function (e) {
            if (e.source === frame.contentWindow && e.origin === page.origin && e.data === 'cerchio:chiudi') {
                dialog.close();
            }
        });

        var style = el('style', {});
        style.textContent = CSS;
        root.appendChild(style);
        wrapper.appendChild(open);
        wrapper.appendChild(dialog);
        root.appendChild(wrapper);
        document.body.appendChild(host);
    }

    if (document.body) {
        mount();
    } else {
        document.addEventListener('DOMContentLoaded', mount);
    }
})(/*settings*/null, document.currentScript);
