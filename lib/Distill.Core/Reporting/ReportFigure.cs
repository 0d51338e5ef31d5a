using Plotly.NET;

namespace Distill.Reporting;

/// <summary>One figure of a run's report: a file-safe name (also the PNG's name with <c>--png</c>), what it shows, and the chart.</summary>
/// <param name="Name">Letters, digits, '-' and '_' (an HTML id and a file name).</param>
/// <param name="Caption">One sentence under the figure saying how to read it.</param>
/// <param name="Chart">The chart, without the plotly.js library.</param>
/// <param name="Wide">Takes the page's full width; otherwise two figures share a row on a wide screen.</param>
public sealed record ReportFigure(string Name, string Caption, GenericChart Chart, bool Wide = true);
