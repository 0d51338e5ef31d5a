using Distill.Aggregation;
using Distill.Corpora;
using Distill.Evaluation;
using Distill.IO;
using Distill.Reporting;
using Distill.Teachers;
using Distill.Teachers.Cache;
using Distill.Teachers.Running;
using Spectre.Console;

namespace Distill.Pipeline;

/// <summary>Settings of the subset-search stage.</summary>
/// <param name="OutputDirectory">Where tables, plots and the training set go.</param>
/// <param name="CachePath">Teacher cache (SQLite).</param>
/// <param name="EntityTypes">Entity types to search (default: disease, the one the embedded corpus has).</param>
/// <param name="Offline">A teacher-cache miss is an error (reproduce from a shared cache with no API key).</param>
/// <param name="MaxConcurrency">Teacher calls in flight at once.</param>
/// <param name="PoolLimit">Label only the first N documents of the pool (quick runs).</param>
/// <param name="Plotly">Where the figures page gets plotly.js: inlined (null) or a shared copy (a run folder's).</param>
public sealed record SearchStageOptions(
    string OutputDirectory,
    string CachePath,
    IReadOnlyList<string>? EntityTypes = null,
    bool Offline = false,
    int MaxConcurrency = 4,
    int? PoolLimit = null,
    SubsetSearchOptions? Search = null,
    PlotlyReference? Plotly = null)
{
    public IReadOnlyList<string> ResolvedEntityTypes => EntityTypes ?? [Corpora.EntityTypes.Disease];
}

/// <summary>What the stage produced.</summary>
public sealed record SearchStageResult(
    SubsetSearchResult Search,
    IReadOnlyList<TeacherCostProfile> Costs,
    string TrainingSetPath,
    string DevSetPath,
    TeacherRunSummary DevLabeling,
    TeacherRunSummary PoolLabeling,
    IReadOnlyList<string> Files);

/// <summary>
/// The reference study's teacher-selection step: every teacher labels the gold dev split; every subset is
/// scored under every combination rule; the chosen subset per entity type then labels the unlabeled pool
/// (only the chosen teachers are run on it, which is what makes the selection save money); the result is
/// written as the student's training set, with tables and plots.
/// </summary>
public static class SearchStage
{
    public static async Task<SearchStageResult> RunAsync(
        IReadOnlyList<Document> dev,
        IReadOnlyList<Document> pool,
        IReadOnlyList<ITeacher> teachers,
        SearchStageOptions options,
        IAnsiConsole? console = null,
        CancellationToken cancellationToken = default)
    {
        console ??= AnsiConsole.Console;
        var types = options.ResolvedEntityTypes;
        if (options.PoolLimit is { } limit) pool = pool.Take(limit).ToArray();
        Directory.CreateDirectory(options.OutputDirectory);
        await using var cache = SqliteTeacherCache.Open(options.CachePath);
        var runner = new TeacherRunner(cache, new TeacherRunOptions { MaxConcurrency = options.MaxConcurrency, Offline = options.Offline });

        console.MarkupLine($"[bold]Teachers on dev[/]: {dev.Count} documents × {teachers.Count} teachers × {types.Count} entity types");
        var devRun = await ConsoleTeacherRun.RunAsync(runner, dev, teachers, types, console, cancellationToken).ConfigureAwait(false);
        ThrowOnFailures(devRun, "dev");
        var names = teachers.Select(t => t.Name).ToArray();
        var costs = CostProfiles(devRun, names, types);
        var tables = types.Select(type => VoteTable.Build(type, dev, names, SpansByTeacher(devRun, names, type), true, null, out _)
            .WithEligibleTeachers(teachers.Select(t => t.Supports(type)).ToArray())).ToArray();
        var search = SubsetSearch.Run(tables, costs, options.Search);

        var chosenTeachers = search.Choices.SelectMany(c => c.Chosen.Subset.Members()).Distinct().Order().Select(i => teachers[i]).ToArray();
        console.MarkupLine($"[bold]Chosen teachers on the pool[/]: {pool.Count} documents × {Markup.Escape(string.Join(", ", chosenTeachers.Select(t => t.Name)))}");
        var poolRun = await ConsoleTeacherRun.RunAsync(runner, pool, chosenTeachers, types, console, cancellationToken).ConfigureAwait(false);
        ThrowOnFailures(poolRun, "pool");
        // Teachers not chosen did not run on the pool; the builder only reads the chosen ones' votes.
        var poolSpans = names.Select(n => chosenTeachers.Any(t => t.Name == n)
            ? SpansAllTypes(poolRun, n, types)
            : (IReadOnlyDictionary<string, IReadOnlyList<EntitySpan>>)new Dictionary<string, IReadOnlyList<EntitySpan>>()).ToArray();
        var examples = DistillationSetBuilder.Build(pool, names, poolSpans, search.Choices);

        var files = new List<string>();
        var trainPath = Path.Combine(options.OutputDirectory, "train.jsonl");
        await DistillationSetWriter.WriteAsync(trainPath, examples, Provenance(search, examples, names, types), cancellationToken).ConfigureAwait(false);
        files.Add(trainPath);
        files.Add(DistillationSetWriter.ProvenancePath(trainPath));
        var devPath = Path.Combine(options.OutputDirectory, "dev.jsonl");
        await JsonlCorpusWriter.WriteAsync(devPath, dev, cancellationToken).ConfigureAwait(false);
        files.Add(devPath);
        files.AddRange(await WriteReportAsync(search, options.OutputDirectory, options.Plotly, cancellationToken).ConfigureAwait(false));
        return new SearchStageResult(search, costs, trainPath, devPath, devRun.Summary, poolRun.Summary, files);
    }

    /// <summary>The reference study's table: per entity type, the chosen combination, its dev scores, cost and why.</summary>
    public static Table ChoicesTable(SubsetSearchResult search)
    {
        var table = new Table().AddColumns("entity type", "best combination", "rule", "dev P", "dev R", "dev F1", "cost / note (USD)", "why");
        foreach (var c in search.Choices)
            table.AddRow(c.EntityType, Markup.Escape(c.Chosen.Teachers), c.Chosen.Rule.Name(), $"{c.Chosen.Precision:F3}", $"{c.Chosen.Recall:F3}",
                $"{c.Chosen.F1:F3}", $"{c.Chosen.CostPerNote:F5}", Markup.Escape(c.Reason));
        return table;
    }

    /// <summary>
    /// Tables (CSV, Markdown) and one page of figures (<c>subset-search.html</c>: the F1 heat map and each type's Pareto
    /// plot) with one plotly.js, inlined unless <paramref name="plotly"/> names a shared copy.
    /// </summary>
    public static async Task<IReadOnlyList<string>> WriteReportAsync(SubsetSearchResult search, string directory, PlotlyReference? plotly = null,
        CancellationToken cancellationToken = default)
    {
        var files = new List<string>();
        foreach (var (name, frame) in new[]
                 {
                     ("subset-scores", SubsetSearchReport.Scores(search)),
                     ("subset-choices", SubsetSearchReport.Choices(search)),
                     ("subset-pareto", SubsetSearchReport.Pareto(search)),
                 })
        {
            var csv = Path.Combine(directory, name + ".csv");
            var md = Path.Combine(directory, name + ".md");
            await AtomicFile.WriteAllTextAsync(csv, TableRendering.ToCsv(frame), cancellationToken).ConfigureAwait(false);
            await AtomicFile.WriteAllTextAsync(md, TableRendering.ToMarkdown(frame), cancellationToken).ConfigureAwait(false);
            files.Add(csv);
            files.Add(md);
        }
        var subsets = search.Scores.Select(s => s.Teachers).Distinct().Count();
        var figures = new List<ReportFigure>
        {
            new("subset-f1-heatmap", "Dev token F1 of every teacher subset under its best combination rule, per entity type; best subsets on top.",
                Plots.Fit(SubsetSearchPlots.F1Heatmap(search), Math.Max(300, 120 + 22 * subsets))),
        };
        figures.AddRange(search.Choices.Select(c => new ReportFigure($"subset-pareto-{c.EntityType}",
            $"{c.EntityType}: dev F1 against teacher cost per note for every subset and rule; the line joins the subsets no other beats on both. Hover for names.",
            Plots.Fit(SubsetSearchPlots.Pareto(search, c.EntityType), 420))));
        var page = Path.Combine(directory, "subset-search.html");
        await AtomicFile.WriteAllTextAsync(page, ReportPage.FiguresPage("Teacher subset search",
            "Every subset of teachers, scored on the gold dev notes under every combination rule; the chosen subset per entity type labels the pool.",
            figures, plotly ?? PlotlyReference.Inline), cancellationToken).ConfigureAwait(false);
        files.Add(page);
        return files;
    }

    /// <summary>Mean cost and latency per note of each teacher and entity type, from its labelings.</summary>
    public static IReadOnlyList<TeacherCostProfile> CostProfiles(TeacherRunResult run, IReadOnlyList<string> teachers, IReadOnlyList<string> types) =>
        (from t in teachers
         from type in types
         let labelings = run.Of(t, type).Values.ToArray()
         where labelings.Length > 0
         select new TeacherCostProfile(t, type, (double)labelings.Average(l => l.CostUsd), labelings.Average(l => l.Latency.TotalSeconds))).ToArray();

    static IReadOnlyList<IReadOnlyDictionary<string, IReadOnlyList<EntitySpan>>> SpansByTeacher(TeacherRunResult run, IReadOnlyList<string> teachers, string type) =>
        teachers.Select(t => (IReadOnlyDictionary<string, IReadOnlyList<EntitySpan>>)run.Of(t, type).ToDictionary(p => p.Key, p => p.Value.Spans)).ToArray();

    /// <summary>One teacher's spans of the given types, per document id.</summary>
    internal static IReadOnlyDictionary<string, IReadOnlyList<EntitySpan>> SpansAllTypes(TeacherRunResult run, string teacher, IReadOnlyList<string> types) =>
        run.Labelings.Where(l => l.Teacher == teacher && types.Contains(l.EntityType))
            .GroupBy(l => l.DocumentId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<EntitySpan>)g.SelectMany(l => l.Spans).ToArray());

    // A failed labeling would silently count as "no mention" and bias the search: stop and say which.
    internal static void ThrowOnFailures(TeacherRunResult run, string what)
    {
        var failed = run.Labelings.Where(l => !l.Succeeded).ToArray();
        if (failed.Length == 0) return;
        var first = failed[0];
        throw new InvalidOperationException(
            $"{failed.Length} teacher labelings on the {what} split failed (first: {first.Teacher} on '{first.DocumentId}' ({first.EntityType}): {first.Error}). " +
            "Answers already received are cached; fix the cause and run again to resume.");
    }

    static DistillationProvenance Provenance(SubsetSearchResult search, IReadOnlyList<DistillationExample> examples, IReadOnlyList<string> teachers, IReadOnlyList<string> types) => new(
        DateTimeOffset.UtcNow,
        nameof(ClinicalWordTokenizer),
        teachers,
        search.Choices.Select(c => new DistillationChoiceProvenance(c.EntityType, c.Chosen.Teachers, c.Chosen.Rule.Name(),
            c.Chosen.Precision, c.Chosen.Recall, c.Chosen.F1, c.Chosen.CostPerNote, c.Reason,
            c.Chosen.Rule == CombinationRule.LabelModel ? null : c.Probabilities)).ToArray(),
        examples.Count,
        examples.Sum(e => (long)e.Tokens.Count),
        types.ToDictionary(t => t, t => examples.Sum(e => e.Spans.Count(s => s.Type == t))),
        []);
}
