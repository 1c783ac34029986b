/* Autocompletion from our own data in the SPARQL editor: a word typed in Chinese, English or pinyin (汽车,
   automotive, qiche) or the start of a prefixed name or IRI (hz:Dev) offers our terms with their labels, from
   /complete (the index /search uses); choosing one inserts its prefixed name (hz:DevelopmentZone) or IRI.
   Loaded before editor.js, which lists "hzkg-terms" among YASQE's autocompleters. */
(function () {
  "use strict";
  var texts = JSON.parse(document.getElementById("editor-config").textContent).texts;  // the page's language
  var KINDS = { "class": texts["class"], property: texts.property, resource: "" };
  var offered = {};  // inserted text -> the suggestion it came from, to label the hints
  var answered = {};  // word -> how many suggestions its own answer gave
  window.hzkgComplete = { shown: [], prefix: null };  // what the list shows, and for which word

  function word(yasqe) {
    // The text before the cursor back to a space or bracket: CodeMirror's SPARQL mode splits 汽车 or qiche oddly.
    var cursor = yasqe.getDoc().getCursor(), line = yasqe.getDoc().getLine(cursor.line).slice(0, cursor.ch);
    var match = /[^\s{}()\[\];,.'"]+$/.exec(line);
    return match ? { string: match[0], start: cursor.ch - match[0].length, end: cursor.ch } : null;
  }

  Yasgui.Yasqe.registerAutocompleter({
    name: "hzkg-terms",
    bulk: false,
    autoShow: true,
    persistenceId: null,
    isValidCompletionPosition: function (yasqe) {
      var w = word(yasqe), line = yasqe.getDoc().getLine(yasqe.getDoc().getCursor().line);
      if (!w || /^\s*(PREFIX|BASE)\b/i.test(line) || /^[?$#]/.test(w.string)) return false;
      if (/^[\x00-\x7f]+$/.test(w.string) && w.string.length < 2) return false;  // one Latin letter: too many
      return !/^(SELECT|WHERE|FILTER|OPTIONAL|PREFIX|ORDER|GROUP|LIMIT|DISTINCT|UNION|BIND|VALUES|AS|BY|a)$/i.test(w.string);
    },
    preProcessToken: function (yasqe, token) {
      var w = word(yasqe);
      if (!w) return token;
      token.autocompletionString = w.string;
      token.from = { ch: w.start };
      token.to = { ch: w.end };
      return token;
    },
    get: function (yasqe, token) {
      var text = token.autocompletionString || token.string;
      return fetch("/complete?prefix=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          // Typed on since this was asked (开 → 开发 → 开发区): an answer for an older word must not replace
          // or reorder the list under the cursor; the newer word's own request answers for it.
          var now = word(yasqe);
          if (!now || now.string !== text) return [];
          window.hzkgComplete.prefix = text;
          answered[text] = (data.results || []).length;
          (data.results || []).forEach(function (s) { offered[s.insert] = s; });
          return (data.results || []).map(function (s) { return s.insert; });
        });
    },
    postprocessHints: function (yasqe, hints) {
      // An older word's late answer (the [] above) arrives after the newer word's list is up; that list stays on
      // screen, so what it shows stays as it was (seen beside two busy loops: the list showed 汽车产业 for qiche,
      // and `shown` said nothing).
      var now = word(yasqe);
      if (!hints.length && now && answered[now.string]) return hints;
      hints.forEach(function (hint) {
        var s = offered[hint.text];
        if (!s) return;
        hint.displayText = s.label + (s.matched ? "（" + s.matched + "）" : "") + "  " +
          (KINDS[s.kind] ? KINDS[s.kind] + " " : "") + hint.text;
      });
      window.hzkgComplete.shown = hints.map(function (hint) { return { text: hint.text, label: (offered[hint.text] || {}).label }; });
      return hints;
    }
  });
})();
