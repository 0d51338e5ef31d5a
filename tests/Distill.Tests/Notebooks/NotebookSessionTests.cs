using Distill.Notebooks;

namespace Distill.Tests.Notebooks;

/// <summary>Runs real C# cells. The first compile in a process takes seconds; later sessions are fast.</summary>
public sealed class NotebookSessionTests
{
    static NotebookSession NewSession(string folder, NuGetCache? nuget = null, TimeSpan? grace = null) =>
        new(new NotebookSessionOptions(folder, "test.ipynb", nuget ?? new NuGetCache(Path.Combine(folder, "no-cache")), InterruptGrace: grace));

    [Fact]
    public async Task State_carries_over_and_outputs_come_in_order()
    {
        using var temp = new TempFolder();
        var session = NewSession(temp.Path);
        await session.WarmUpAsync();

        var first = await session.ExecuteAsync("var total = 40;\nConsole.WriteLine(\"one\");");
        var second = await session.ExecuteAsync("Console.Write(\"a\");\nConsole.Write(\"b\\n\");\ndisplay(\"shown\");\nConsole.Error.WriteLine(\"warn\");\n\"extension\".Display();\ntotal + 2");

        Assert.True(first.Succeeded);
        Assert.Equal(1, first.ExecutionCount); // warming up is not an execution
        Assert.Equal([new StreamOutput("stdout", "one\n")], first.Outputs);
        Assert.Equal(2, second.ExecutionCount);
        Assert.Collection(second.Outputs,
            o => Assert.Equal(new StreamOutput("stdout", "ab\n"), o),
            o => Assert.Equal("shown", Assert.IsType<DisplayDataOutput>(o).Data["text/plain"]),
            o => Assert.Equal(new StreamOutput("stderr", "warn\n"), o),
            o => Assert.Equal("extension", Assert.IsType<DisplayDataOutput>(o).Data["text/plain"]),
            o => Assert.Equal("42", Assert.IsType<ExecuteResultOutput>(o).Data["text/plain"]));
        Assert.Equal(2, Assert.IsType<ExecuteResultOutput>(second.Outputs[^1]).ExecutionCount);
    }

    [Fact]
    public async Task Compile_errors_name_the_line_and_the_session_goes_on()
    {
        using var temp = new TempFolder();
        var session = NewSession(temp.Path);

        var bad = await session.ExecuteAsync("var ok = 1;\nvar y = undefinedName + 1;");
        var good = await session.ExecuteAsync("1 + 1");

        Assert.False(bad.Succeeded);
        Assert.Equal(2, bad.Failure!.Line);
        Assert.Equal("var y = undefinedName + 1;", bad.Failure.SourceLine);
        Assert.Contains("CS0103", bad.Failure.Message);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(bad.Outputs));
        Assert.Equal("CompilationError", error.EName);
        Assert.True(good.Succeeded);
        Assert.Equal("2", Assert.IsType<ExecuteResultOutput>(Assert.Single(good.Outputs)).Data["text/plain"]);
    }

    [Fact]
    public async Task Runtime_exceptions_name_the_cell_line()
    {
        using var temp = new TempFolder();
        var session = NewSession(temp.Path);

        var result = await session.ExecuteAsync("Console.WriteLine(\"before\");\nint[] items = [1];\nvar x = items[3];");

        Assert.Equal(3, result.Failure!.Line);
        Assert.Equal("var x = items[3];", result.Failure.SourceLine);
        Assert.IsType<IndexOutOfRangeException>(result.Failure.Exception);
        Assert.Equal(new StreamOutput("stdout", "before\n"), result.Outputs[0]);
        Assert.Equal("IndexOutOfRangeException", Assert.IsType<ErrorOutput>(result.Outputs[1]).EName);
    }

    [Fact]
    public async Task References_resolve_relative_to_the_notebook_and_from_the_nuget_cache()
    {
        using var temp = new TempFolder();
        ProbeAssembly.Emit(temp.File("refs/LocalProbe.dll"), "LocalProbe", "LocalProbe", "local");
        ProbeAssembly.Emit(temp.File("cache/cached.probe/2.1.0/lib/netstandard2.0/CachedProbe.dll"), "CachedProbe", "CachedProbe", "cached");
        var session = NewSession(temp.Path, new NuGetCache(temp.File("cache")));

        var result = await session.ExecuteAsync("#r \"refs/LocalProbe.dll\"\n#r \"nuget: Cached.Probe, 2.1.0\"\nLocalProbe.Value + \"+\" + CachedProbe.Value");

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal("local+cached", Assert.IsType<ExecuteResultOutput>(Assert.Single(result.Outputs)).Data["text/plain"]);
    }

    [Fact]
    public async Task Interrupt_stops_a_cooperative_cell_and_abandons_a_stubborn_one()
    {
        using var temp = new TempFolder();
        var session = NewSession(temp.Path, grace: TimeSpan.FromMilliseconds(300));
        await session.ExecuteAsync("var n = 1;");

        using var cooperative = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var stopped = await session.ExecuteAsync("await Task.Delay(60_000, CancellationToken);", cancellationToken: cooperative.Token);
        using var stubborn = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var abandoned = await session.ExecuteAsync("System.Threading.Thread.Sleep(20_000); Console.WriteLine(\"late\");", cancellationToken: stubborn.Token);
        var elapsed = clock.Elapsed;
        var after = await session.ExecuteAsync("n + 1");

        Assert.Equal("Interrupted", Assert.IsType<ErrorOutput>(Assert.Single(stopped.Outputs)).EName);
        Assert.Equal("Interrupted", Assert.IsType<ErrorOutput>(Assert.Single(abandoned.Outputs)).EName);
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"abandoning took {elapsed}");
        Assert.Equal("2", Assert.IsType<ExecuteResultOutput>(Assert.Single(after.Outputs)).Data["text/plain"]);
    }

    [Fact]
    public async Task Output_is_captured_even_after_someone_else_redirects_the_console()
    {
        using var temp = new TempFolder();
        var session = NewSession(temp.Path);
        await session.ExecuteAsync("1");
        var original = Console.Out;
        using var elsewhere = new StringWriter();
        try
        {
            Console.SetOut(elsewhere);
            var result = await session.ExecuteAsync("Console.WriteLine(\"mine\");");

            Assert.Equal([new StreamOutput("stdout", "mine\n")], result.Outputs);
            Console.WriteLine("outside a cell"); // goes to the writer that was there
            // Contains, not Equal: tests running in parallel may write to the console too.
            Assert.DoesNotContain("mine", elsewhere.ToString());
            Assert.Contains("outside a cell", elsewhere.ToString());
        }
        finally
        {
            Console.SetOut(original);
        }
    }
}
