// Package xsscorpus is test material shared by the Markdown pipeline's unit test and the
// browser test (internal/e2e): hostile page texts that try to run script, and Check, which
// says what rendered user text must never contain. No product code imports it.
//
// Every payload that would run calls alert(1) (or confirm/prompt), so a browser that records
// those calls catches it; payloads that need a click or a hover say so in their markup (a
// link, an element with a mouse handler) and the browser test hovers, focuses and clicks.
package xsscorpus

// Sample is one hostile page text.
type Sample struct {
	Name     string // short, unique, usable as a slug part and a subtest name
	Markdown string // the page body (no front matter)
}

// Samples is the corpus: script in every position, event handlers, script and data URLs in
// every kind of link (our wiki links too), SVG, MathML, CSS, embedding and navigation
// elements, broken markup, comments, and the encodings that try to get past a filter.
var Samples = []Sample{
	// <script> wherever Markdown lets text stand.
	{"script-blok", "<script>alert(1)</script>\n\n<SCRIPT SRC=/static/app.js></SCRIPT>\n\n<script src=//evil.example/x.js></script>"},
	{"script-in-zin", "Een zin met <script>alert(1)</script> erin, en <script/x>alert(1)</script> en <script\ttype=module>alert(1)</script>."},
	{"script-in-kop", "# Kop <script>alert(1)</script>\n\nKop <script>alert(1)</script>\n===\n\n## <img src=x onerror=alert(1)>"},
	{"script-in-lijst-citaat", "- <script>alert(1)</script>\n- [x] <img src=x onerror=alert(1)>\n\n> <script>alert(1)</script>\n> > <svg onload=alert(1)>\n\n1. *<script>alert(1)</script>*\n2. ~~<b onclick=alert(1)>vet</b>~~ **<i onmouseover=alert(1)>schuin</i>**"},
	{"script-in-tabel", "| kop <script>alert(1)</script> | <img src=x onerror=alert(1)> |\n|---|:-:|\n| [a](javascript:alert(1)) | <a href=\"javascript:alert(1)\">b</a> |\n| [[x\\|<script>alert(1)</script>]] | `<script>` |"},
	{"script-in-voetnoot", "Tekst[^1] en meer[^<img src=x onerror=alert(1)>] en[^\" onmouseover=\"alert(1)].\n\n[^1]: <script>alert(1)</script> [klik](javascript:alert(1))\n[^<img src=x onerror=alert(1)>]: noot\n[^\" onmouseover=\"alert(1)]: noot"},
	{"script-in-linktekst", "[tekst <script>alert(1)</script>](/themes/x) en ![alt <img src=x onerror=alert(1)>](/media/sam/a.png) en [[x|tekst <script>alert(1)</script>]]"},
	{"script-in-code", "`<script>alert(1)</script>`\n\n```html\n<script>alert(1)</script>\n```\n\n    <img src=x onerror=alert(1)>"},
	{"script-in-onderzoek", "## Welke kanten heeft het?\n\n<img src=x onerror=alert(1)>\n\n### Kunst\n\n<script>alert(1)</script> [klik](javascript:alert(1))\n\n### Synoniemen\n\n[[x|<svg onload=alert(1)>]]"},

	// Event handlers, the ones that fire by themselves and the ones that need a person.
	{"handler-onerror-onload", "<img src=x onerror=alert(1)>\n\n<img src=\"x\" onerror=\"alert(1)\"/>\n\n<body onload=alert(1)>\n\n<video src=x onerror=alert(1)></video><audio src=x onerror=alert(1)></audio>\n\n<details open ontoggle=alert(1)><summary>x</summary></details>"},
	{"handler-onfocus-autofocus", "<input autofocus onfocus=alert(1)>\n\n<a href=\"#x\" id=x tabindex=1 onfocus=alert(1) autofocus>focus</a>\n\n<select autofocus onfocus=alert(1)></select><textarea autofocus onfocus=alert(1)></textarea>"},
	{"handler-onmouseover", "<div onmouseover=alert(1)>beweeg hierover</div>\n\n<p onmouseenter=alert(1) onclick=alert(1)>klik</p> <span onpointerover=alert(1)>en hier</span>"},
	{"handler-rare-syntax", "<img src=x onerror = alert(1)>\n\n<img/src=x/onerror=alert(1)>\n\n<img src=x oNeRrOr=alert(1)>\n\n<img \"\"\"><script>alert(1)</script>\">\n\n<img src=x:alert(alt) onerror=eval(src) alt=0>"},

	// Script and data URLs in Markdown links, images, autolinks and references.
	{"url-javascript", "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c]( javascript:alert(1) ) [d](<java\tscript:alert(1)>) [e](javascript://%0aalert(1))\n\n<a href=\"javascript:alert(1)\">f</a> <a HREF=JAVASCRIPT:alert(1)>g</a>"},
	{"url-vbscript-data", "[a](vbscript:msgbox(1)) [b](VBScript:msgbox(1)) [c](data:text/html,<script>alert(1)</script>) [d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [e](DATA:text/html,x) [f](data:image/svg+xml,<svg/onload=alert(1)>)"},
	{"url-afbeelding", "![a](javascript:alert(1)) ![b](data:image/svg+xml,<svg onload=alert(1)>) ![c](data:image/png;base64,iVBORw0KGgo=)\n\n![d](/media/sam/a.png \"titel\\\" onerror=\\\"alert(1)\") ![e](x\" onerror=\"alert(1)) ![f](/media/sam/a.mp3\" onerror=\"alert(1))"},
	{"url-autolink", "<javascript:alert(1)> <JAVASCRIPT:alert(1)> <vbscript:msgbox(1)> <data:text/html,<script>alert(1)</script>>\n\n<https://example.org/\" onmouseover=\"alert(1)> https://example.org/\"onmouseover=\"alert(1) www.example.org/<script>alert(1)</script>"},
	{"url-referentie", "[a][1] [b][2] [c][3] [d] ![e][4] [f][5]\n\n[1]: javascript:alert(1)\n[2]: <javascript:alert(1)>\n[3]: jav&#x61;script:alert(1) \"titel\"\n[d]: data:text/html,<script>alert(1)</script>\n[4]: javascript:alert(1)\n[5]: /themes/x \"titel\\\" onmouseover=\\\"alert(1)\""},

	// Our wiki links.
	{"wikilink-url", "[[javascript:alert(1)]] [[JavaScript:alert(1)|klik]] [[data:text/html,x]] [[vbscript:msgbox(1)]] [[themes/javascript:alert(1)]] [[../../etc/passwd]] [[//evil.example]]"},
	{"wikilink-label", "[[x|<img src=x onerror=alert(1)>]] [[x|<script>alert(1)</script>]] [[schaamte|\" onmouseover=\"alert(1)]] [[x|[y](javascript:alert(1))]] [[x\" onmouseover=\"alert(1)]] [[\"><script>alert(1)</script>]]"},

	// SVG and MathML.
	{"svg", "<svg><script>alert(1)</script></svg>\n\n<svg onload=alert(1)></svg>\n\n<svg><foreignObject><body onload=alert(1)></body></foreignObject></svg>\n\n<svg><a xlink:href=\"javascript:alert(1)\"><text x=0 y=20>klik</text></a></svg>\n\n<svg><animate onbegin=alert(1) attributeName=x dur=1s></animate><set attributeName=href to=javascript:alert(1)></set></svg>"},
	{"svg-inline", "Tekst <svg/onload=alert(1)> en <svg><style>@import 'x';</style><image href=x onerror=alert(1)></image></svg> en <svg><use href=\"data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='alert(1)'/></svg>#x\"></use></svg>"},
	{"mathml", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>\n\n<math href=\"javascript:alert(1)\">klik</math>\n\n<math><maction actiontype=statusline xlink:href=javascript:alert(1)>klik</maction></math>"},

	// CSS.
	{"css", "<style>body{background:url(javascript:alert(1))} @import 'javascript:alert(1)';</style>\n\n<div style=\"background:url(javascript:alert(1))\">a</div> <p style=\"width:expression(alert(1))\">b</p> <span style=\"behavior:url(x.htc)\">c</span>\n\n<link rel=stylesheet href=javascript:alert(1)>"},

	// Embedding, forms and navigation.
	{"iframe-object-embed", "<iframe src=\"javascript:alert(1)\"></iframe>\n\n<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>\n\n<object data=\"javascript:alert(1)\"></object> <embed src=\"javascript:alert(1)\"> <applet code=x></applet>\n\n<frameset><frame src=javascript:alert(1)></frameset>"},
	{"form", "<form action=\"javascript:alert(1)\"><button>Verstuur</button></form>\n\n<button formaction=\"javascript:alert(1)\">knop</button> <input type=image src=x onerror=alert(1)> <isindex action=javascript:alert(1) type=image>"},
	{"meta-base", "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">\n\n<base href=\"javascript:alert(1)//\">\n\n[relatief](pad) <a href=pad>ook relatief</a>"},

	// Broken markup.
	{"onaf-tag-einde", "Tekst\n\n<img src=x onerror=alert(1)"},
	{"onaf-tags", "<a href=\"javascript:alert(1)\"\n\n<div <script>alert(1)</script>\n\n<<script>alert(1)//<</script>\n\n<img src=\"x\nonerror=alert(1)>\n\n<script>alert(1)"},
	{"genest", "<scr<script>ipt>alert(1)</scr</script>ipt>\n\n<scr<!-- -->ipt>alert(1)</script>\n\n<a href=\"javas<!-- -->cript:alert(1)\">a</a>\n\n<<img src=x onerror=alert(1)>img src=x onerror=alert(1)>"},
	{"blokken-mxss", "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>\n\n<textarea><script>alert(1)</script></textarea> <xmp><script>alert(1)</script></xmp> <template><script>alert(1)</script></template>\n\n<select><style></select><img src=x onerror=alert(1)></style></select>\n\n<title><script>alert(1)</script></title> <noembed><img src=x onerror=alert(1)></noembed> <plaintext><script>alert(1)</script>"},

	// Comments, CDATA and processing instructions.
	{"commentaar-cdata", "<!--<script>alert(1)</script>-->\n\n<!-- --!><script>alert(1)</script> -->\n\n<![CDATA[<script>alert(1)</script>]]>\n\n<!--[if IE]><script>alert(1)</script><![endif]-->\n\n<? echo '<script>alert(1)</script>' ?>\n\n<!DOCTYPE html><script>alert(1)</script>\n\nTekst <!-- <img src=x onerror=alert(1)> --> en <![CDATA[><img src=x onerror=alert(1)>]]>"},

	// Encodings: entities, case, whitespace, controls, percent and Unicode escapes.
	{"entiteiten", "[a](&#106;avascript:alert(1)) [b](jav&#x61;script:alert(1)) [c](javascript&colon;alert(1)) [d](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)) [e](jav&#97;script:alert(1)) [f](javascript&#x3A;alert(1))\n\n<a href=\"jav&#x61;script:alert(1)\">g</a> <a href=\"&#106;avascript:alert(1)\">h</a> <a href=\"javascript&colon;alert(1)\">i</a>"},
	{"witruimte-controle", "[a](java&#09;script:alert(1)) [b](java&NewLine;script:alert(1)) [c](&#x0A;javascript:alert(1)) [d](\x01javascript:alert(1)) [e](java\x00script:alert(1)) [f](javascript\x0b:alert(1))\n\n<a href=\"java\tscript:alert(1)\">g</a> <a href=\" &#14; javascript:alert(1)\">h</a> <a href=\"java&#x0D;script:alert(1)\">i</a>"},
	{"procent-unicode", "[a](%6A%61%76%61%73%63%72%69%70%74%3Aalert(1)) [b](javascript%3Aalert(1)) [c](ｊａｖａｓｃｒｉｐｔ:alert(1)) [d](java\u200bscript:alert(1)) [e](\\u006Aavascript:alert(1)) [f](javascript\u2028:alert(1))\n\n<a href=\"%6Aavascript:alert(1)\">g</a> <a href=\"\\x6Aavascript:alert(1)\">h</a>"},
	{"html-als-tekst", "&lt;script&gt;alert(1)&lt;/script&gt; &#60;script&#62;alert(1)&#60;/script&#62; \\<script>alert(1)\\</script> &lt;img src=x onerror=alert(1)&gt;"},

	// Attributes smuggled through heading ids, link titles and attribute syntax.
	{"kop-ids", "# Kop {#javascript:alert(1)}\n\n# \" onmouseover=\"alert(1)\n\n# main\n\n# Kop {onclick=alert(1) #x .y}\n\nTekst\n{: onclick=\"alert(1)\" }"},
	{"link-titels", "[a](/x \"titel\" onmouseover=\"alert(1)\") [b](/x 'titel\\' onmouseover=\\'alert(1)') [c](/x (titel\" onmouseover=\"alert(1))) [d][r] [e](/x \"a&quot; onfocus=&quot;alert(1)&quot; autofocus=&quot;\")\n\n[r]: /x \"a\\\" onfocus=\\\"alert(1)\\\" autofocus=\\\"\""},
}
