// The built-in accessibility statement: the structure the Public Sector Bodies Accessibility
// Regulations 2018 and the GOV.UK model statement ask for, filled from document.csv's
// accessibility_* keys (docs/content-format.md, "Accessibility statement"). A project's own
// templates/accessibility.mustache replaces it.
#include "html/templates.h"

namespace ep::html {

const char* const kAccessibilityTemplate = R"MUSTACHE(<div{{#english_in_other}} lang="en-GB"{{/english_in_other}}>
<h1>Accessibility statement</h1>
<p class="ep-lead">How accessible this website is, what is known not to work for everyone, and how to tell us about a problem.</p>
<p>This statement covers the website for {{doc_title}}{{#has_pdf}} and its PDF version{{/has_pdf}}. {{org_name}} publishes it and wants as many people as possible to be able to use it. You should be able to:</p>
<ul>
  <li>zoom the text to 400% and read every page on a narrow screen without scrolling sideways;</li>
  <li>reach every link and control with a keyboard alone, in a sensible order, and see where the focus is;</li>
  <li>use the site with a screen reader: each chart has a text description and a table of its figures (under "Show the data");</li>
  <li>download the figures behind each table and chart as CSV files, which open in any spreadsheet program;</li>
  <li>change colours, text size and spacing in your browser without losing content.</li>
</ul>
{{#has_pdf}}
<p>The PDF version is a tagged PDF, for screen readers and reflow, with bookmarks and a text layer that can be searched. Every build checks it against the machine-checkable conditions of PDF/UA-1.</p>
{{/has_pdf}}
<h2 id="compliance">Compliance status</h2>
{{#has_issues}}
<p>This website is partially compliant with the <a href="https://www.w3.org/TR/WCAG22/">Web Content Accessibility Guidelines version 2.2</a> AA standard, because of the problems listed below.</p>
<h2 id="known-problems">Content that is not accessible</h2>
<ul>
{{#issues}}
  <li>{{.}}</li>
{{/issues}}
</ul>
{{/has_issues}}
{{^has_issues}}
{{#has_reviewed}}
<p>This website is fully compliant with the <a href="https://www.w3.org/TR/WCAG22/">Web Content Accessibility Guidelines version 2.2</a> AA standard.</p>
{{/has_reviewed}}
{{^has_reviewed}}
<p>The publisher has not yet reviewed this website against the <a href="https://www.w3.org/TR/WCAG22/">Web Content Accessibility Guidelines version 2.2</a> AA standard. It is built to meet that standard, and its pages are checked automatically when they are made, but automated checks cannot find every problem.</p>
{{/has_reviewed}}
{{/has_issues}}
<h2 id="feedback">Reporting a problem or asking for another format</h2>
<p>If you find a problem with this website, or need its information in another format such as large print, easy read, audio or braille, contact:</p>
{{#has_contact}}
<p class="ep-contact">{{contact}}</p>
{{/has_contact}}
{{^has_contact}}
{{#has_contacts}}
<ul class="ep-contacts">
{{#contacts}}
  <li>{{name}}{{#role}}, {{role}}{{/role}}{{#phone}}, telephone {{phone}}{{/phone}}{{#email}}, <a href="mailto:{{email}}">{{email}}</a>{{/email}}</li>
{{/contacts}}
</ul>
{{/has_contacts}}
{{^has_contacts}}
<p class="ep-contact">{{org_name}}.</p>
{{/has_contacts}}
{{/has_contact}}
<h2 id="enforcement">Enforcement procedure</h2>
<p>The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 in England, Scotland and Wales. If you are not happy with how we respond to your complaint, contact the <a href="https://www.equalityadvisoryservice.com/">Equality Advisory and Support Service (EASS)</a>. In Northern Ireland, contact the <a href="https://www.equalityni.org/">Equality Commission for Northern Ireland</a>.</p>
<h2 id="preparation">Preparation of this statement</h2>
<p>{{#date_long}}This website was published on {{date_long}}. {{/date_long}}{{#has_reviewed}}It was last reviewed for accessibility by the publisher on {{reviewed_long}}.{{/has_reviewed}}{{^has_reviewed}}The publisher has not recorded a review of its accessibility.{{/has_reviewed}}</p>
</div>
)MUSTACHE";

}  // namespace ep::html
