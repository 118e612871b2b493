"""The report's HTML template (Jinja2, autoescaped). Kept as a Python string so it ships with the
package without package-data settings. Self-contained: inline CSS, images as data: URIs, no
scripts, fonts or links to anything outside the file."""

REPORT_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Annex release {{ release }}</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 80rem; padding: 0 1rem;
         color: #222; line-height: 1.4; }
  h1 { margin-bottom: 0.2rem; }
  h2 { border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; margin-top: 2.5rem; }
  .meta { color: #555; }
  table { border-collapse: collapse; margin: 0.8rem 0; font-size: 0.9rem; }
  th, td { border: 1px solid #ddd; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
  th { background: #f3f3f3; }
  td.n { text-align: right; font-variant-numeric: tabular-nums; }
  td.d { white-space: nowrap; }
  tr.problem td { background: #fff1f0; }
  img { max-width: 100%; height: auto; display: block; margin: 1rem 0; }
  .none { color: #555; font-style: italic; }
  nav a { margin-right: 1rem; }
  summary { cursor: pointer; margin: 0.5rem 0; }
</style>
</head>
<body>
<h1>Annex release {{ release }}</h1>
<p class="meta">Financial year {{ financial_year or "unknown" }} &middot;
validation: {{ validation }} &middot; annex {{ version }}, schema version {{ schema_version }}</p>
<nav><a href="#counts">Row counts</a><a href="#checks">Checks and warnings</a>
<a href="#rejects">Rejects</a><a href="#timeline">Timeline</a><a href="#delivery">Delivery</a></nav>

<h2 id="counts">Row counts</h2>
<table>
<tr><th>table</th><th>rows</th></tr>
{% for name, rows in counts %}<tr><td>{{ name }}</td><td class="n">{{ rows }}</td></tr>
{% endfor %}</table>

<h2 id="checks">Checks and warnings</h2>
{% if checks is none %}<p class="none">This release has no checks table.</p>
{% elif not checks %}<p class="none">No checks recorded for this release.</p>
{% else %}<p>{% for outcome, n in check_outcomes %}{{ outcome }}: {{ n }}{% if not loop.last %} &middot; {% endif %}{% endfor %}</p>
{% if problem_checks %}<table>
<tr>{% for c in check_columns %}<th>{{ c }}</th>{% endfor %}</tr>
{% for row in problem_checks %}<tr class="problem">{% for value in row.cells %}<td>{{ value }}</td>{% endfor %}</tr>
{% endfor %}</table>
{% else %}<p>Every check agrees.</p>{% endif %}
{% if passed_checks %}<details><summary>{{ passed_checks | length }} checks that agree (match, additive or cumulative)</summary>
<table>
<tr>{% for c in check_columns %}<th>{{ c }}</th>{% endfor %}</tr>
{% for row in passed_checks %}<tr>{% for value in row.cells %}<td>{{ value }}</td>{% endfor %}</tr>
{% endfor %}</table>
</details>{% endif %}
{% endif %}
<h3>Warnings</h3>
{% if warnings %}<ul>{% for w in warnings %}<li>{{ w }}</li>{% endfor %}</ul>
{% else %}<p class="none">No warnings.</p>{% endif %}

<h2 id="rejects">Rejects</h2>
{% if rejects %}<table>
<tr><th>file</th><th>page</th><th>line</th><th>text</th><th>reason</th></tr>
{% for r in rejects %}<tr><td>{{ r.source_file }}</td><td class="n">{{ r.source_page }}</td><td class="n">{{ r.line }}</td><td>{{ r.text }}</td><td>{{ r.reason }}</td></tr>
{% endfor %}</table>
{% else %}<p class="none">No rejected lines.</p>{% endif %}

<h2 id="timeline">Plan activities</h2>
{% if timeline_summarised %}<p>{{ "{:,}".format(timeline_summarised) }} dated activities: too many to draw one per line, so the
chart counts them by the month they start, by status. Every activity is listed in the table below.</p>
{% endif %}{% if timeline_png %}<img alt="Timeline of the plan activities over the financial year, coloured by status" src="data:image/png;base64,{{ timeline_png }}">
{% else %}<p class="none">No dated activities to draw.</p>{% endif %}
{% if undated %}<h3>Activities with no readable date</h3>
<table>
<tr><th>row</th><th>activity</th><th>date as printed</th><th>status</th></tr>
{% for a in undated %}<tr><td class="n">{{ a.row_number }}</td><td>{{ a.activity }}</td><td>{{ a.date_text }}</td><td>{{ a.status }}</td></tr>
{% endfor %}</table>{% endif %}
{% if activities %}<h3>All activities</h3>
<table>
<tr><th>row</th><th>activity</th><th>date as printed</th><th>start</th><th>end</th><th>precision</th><th>status</th><th>audience</th></tr>
{% for a in activities %}<tr><td class="n">{{ a.row_number }}</td><td>{{ a.activity }}</td><td>{{ a.date_text }}</td><td class="d">{{ a.date_start or "" }}</td><td class="d">{{ a.date_end or "" }}</td><td>{{ a.date_precision }}</td><td>{{ a.status }}</td><td>{{ a.audience or "" }}</td></tr>
{% endfor %}</table>
{% else %}<p class="none">No activities in this release.</p>{% endif %}

<h2 id="delivery">Delivered against target</h2>
{% if delivery_png %}<img alt="Delivered against target per deliverable, stacked by quarter" src="data:image/png;base64,{{ delivery_png }}">
{% if delivery_cut %}<p>The chart draws the first {{ delivery_cut[0] }} of {{ "{:,}".format(delivery_cut[1]) }} deliverables; every deliverable is listed in the table below.</p>{% endif %}
<table>
<tr><th>row</th><th>theme</th><th>deliverable</th><th>target</th>{% for q in quarters %}<th>Q{{ q }}</th>{% endfor %}<th>total</th><th>% achieved</th><th>commentary</th></tr>
{% for d in deliverables %}<tr><td class="n">{{ d.row_number }}</td><td>{{ d.theme or "" }}</td><td>{{ d.deliverable }}</td><td class="n">{{ d.target if d.target is not none else "" }}</td>{% for text in d.quarter_texts %}<td class="n">{{ text }}</td>{% endfor %}<td class="n">{{ d.total if d.total is not none else "" }}</td><td class="n">{{ d.pct_text }}</td><td>{{ d.commentary or "" }}</td></tr>
{% endfor %}</table>
{% else %}<p class="none">No deliverables in this release.</p>{% endif %}
</body>
</html>
"""
