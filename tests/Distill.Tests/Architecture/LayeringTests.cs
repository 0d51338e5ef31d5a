using System.Reflection;

namespace Distill.Tests.Architecture;

/// <summary>Issue 14: the library reports and the edge prints; layers only point down.</summary>
public sealed class LayeringTests
{
    static readonly Assembly Core = typeof(Distill.Pipeline.ReproducePipeline).Assembly;

    [Fact]
    public void The_library_does_not_reference_a_console_library()
    {
        var references = Core.GetReferencedAssemblies().Select(a => a.Name).ToArray();
        Assert.DoesNotContain("Spectre.Console", references);
        // The notebook tooling is its own project (lib/Distill.Notebooks); the research library pulls in no kernel or compiler.
        Assert.DoesNotContain("NetMQ", references);
        Assert.DoesNotContain(references, r => r!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
    }

    [Fact]
    public void No_library_type_writes_to_the_console()
    {
        // Console.Out/Error in a library would bypass the caller's display (a notebook, a test, a service).
        var root = Path.Combine(Distill.Runtime.DistillPaths.Default.Home, "lib", "Distill.Core");
        var offenders = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Where(f => File.ReadLines(f).Any(l => l.Contains("Console.Write") || l.Contains("Console.Error.") || l.Contains("AnsiConsole")))
            .Select(f => Path.GetRelativePath(root, f)).ToArray();
        Assert.Empty(offenders);
    }

    /// <summary>
    /// The library's folders from the bottom up; a folder may use only folders before it. Evaluation (scoring) sits
    /// under Reporting (tables, plots, run reports), and both under the stages that score and plot their own results
    /// (the teachers' scores, the subset search's figures, the student's model card).
    /// </summary>
    public static readonly string[] Layers = ["IO", "Runtime", "Corpora", "Evaluation", "Reporting", "Encoders", "Teachers", "Aggregation", "Students", "Pipeline"];

    [Fact]
    public void Folders_use_only_the_folders_below_them()
    {
        var root = Path.Combine(Distill.Runtime.DistillPaths.Default.Home, "lib", "Distill.Core");
        var upward = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            var folder = Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar)[0];
            var own = Array.IndexOf(Layers, folder);
            if (own < 0) continue; // obj/, bin/
            var text = File.ReadAllText(file);
            foreach (var used in Layers.Skip(own + 1).Where(l => System.Text.RegularExpressions.Regex.IsMatch(text, $@"\bDistill\.{l}\b")))
                upward.Add($"{Path.GetRelativePath(root, file)} uses {used}");
        }
        Assert.Empty(upward);
    }
}
