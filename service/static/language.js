/* The page's language for every script (service/language.py chose it and wrote it into <html lang>):
     hzkgLanguage.language   "zh" or "en"
     hzkgLanguage.say(zh, en)    the interface text in it
     hzkgLanguage.named(zh, en)  a name in it, the other language's when it has none
   Loaded by base.html before any page's own scripts. */
(function () {
  "use strict";
  var language = document.documentElement.lang === "en" ? "en" : "zh";
  window.hzkgLanguage = {
    language: language,
    say: function (zh, en) { return language === "en" ? en : zh; },
    named: function (zh, en) { return (language === "en" ? en || zh : zh || en) || ""; }
  };
})();
