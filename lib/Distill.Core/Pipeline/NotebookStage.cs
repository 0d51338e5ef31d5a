using Distill.Corpora;
using Distill.Notebooks;
using Spectre.Console;

namespace Distill.Pipeline;

/// <summary>Executes the repository's notebooks (<c>notebooks/*.ipynb</c>, in name order) into a folder.</summary>
public static class NotebookStage
{
    /// <summary>The notebooks that ship with the repository, in reading order.</summary>
    public static IReadOnlyList<string> RepositoryNotebooks() =>
        Directory.GetFiles(Path.Combine(RepositoryData.Root, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Runs every notebook with <c>quick</c> set as given; stops at the first failing cell with the notebook,
    /// cell and line (the partial notebook is written, as the runner always does).
    /// </summary>
    public static async Task<IReadOnlyList<NotebookRunResult>> RunAllAsync(string outputDirectory, bool quick, IAnsiConsole? console = null, CancellationToken cancellationToken = default)
    {
        console ??= AnsiConsole.Console;
        var results = new List<NotebookRunResult>();
        var parameters = new Dictionary<string, string> { ["quick"] = quick ? "true" : "false" };
        foreach (var notebook in RepositoryNotebooks())
        {
            cancellationToken.ThrowIfCancellationRequested();
            console.MarkupLine($"running [bold]{Markup.Escape(Path.GetFileName(notebook))}[/]");
            var result = await NotebookRunner.RunAsync(notebook, new NotebookRunOptions(outputDirectory, parameters), null, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            if (result.Error is { } error)
                throw new InvalidOperationException(error.Describe(Path.GetFileName(notebook)) + $" (partial notebook: {result.OutputPath})");
            console.MarkupLine($"  {result.Elapsed.TotalSeconds:F1} s → {Markup.Escape(result.OutputPath)}");
        }
        return results;
    }
}
