using Distill.Fuzz;

namespace Distill.Tests.Fuzz;

/// <summary>
/// The fuzzer's findings as regression tests (issue 15): every input under <c>TestData/Fuzz/&lt;target&gt;/</c> made
/// its parser crash once (an undocumented exception, or a user error that was not one line naming the file); each must
/// now be refused with the target's documented user error, or, for the few named <c>accepted-*</c>, parse (a value the
/// parser accepted but a later step choked on). The seeds must still parse (<c>refused-*</c> seeds be refused), so the
/// targets still reach the parsers' deep paths.
/// </summary>
public sealed class FuzzTargetsTests
{
    static string Folder(string name) => Path.Combine(AppContext.BaseDirectory, name);

    public static TheoryData<string, string> SavedCrashes()
    {
        var data = new TheoryData<string, string>();
        foreach (var target in Directory.GetDirectories(Folder(Path.Combine("TestData", "Fuzz"))).Order(StringComparer.Ordinal))
            foreach (var file in Directory.GetFiles(target).Order(StringComparer.Ordinal))
                data.Add(Path.GetFileName(target), Path.GetFileName(file));
        return data;
    }

    public static TheoryData<string, string> Seeds()
    {
        var data = new TheoryData<string, string>();
        foreach (var target in FuzzTargets.All)
            foreach (var file in Directory.GetFiles(Folder(Path.Combine("FuzzSeeds", target.Name))).Order(StringComparer.Ordinal))
                data.Add(target.Name, Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(SavedCrashes))]
    public void A_saved_crashing_input_is_now_the_documented_user_error(string target, string file)
    {
        var fuzzTarget = FuzzTargets.Find(target) ?? throw new InvalidOperationException($"TestData/Fuzz/{target} names no fuzz target.");
        using var scratch = new ScratchFolder();
        var input = File.ReadAllBytes(Folder(Path.Combine("TestData", "Fuzz", target, file)));
        // Execute throws for a crash (with the exception that escaped); a clean refusal is UserError.
        Assert.Equal(Expected(file), new FuzzRunner(fuzzTarget, scratch, checkMemory: false).Execute(input));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_seed_is_accepted(string target, string file)
    {
        using var scratch = new ScratchFolder();
        var input = File.ReadAllBytes(Folder(Path.Combine("FuzzSeeds", target, file)));
        Assert.Equal(file.StartsWith("refused-", StringComparison.Ordinal) ? FuzzOutcome.UserError : FuzzOutcome.Accepted,
            new FuzzRunner(FuzzTargets.Find(target)!, scratch, checkMemory: false).Execute(input));
    }

    static FuzzOutcome Expected(string file) => file.StartsWith("accepted-", StringComparison.Ordinal) ? FuzzOutcome.Accepted : FuzzOutcome.UserError;

    [Fact]
    public void A_user_error_must_be_one_line_naming_the_file()
    {
        FuzzRunner.CheckMessage(new InvalidDataException($"/tmp/{FuzzTargets.InputName}.jsonl:3: bad"));
        Assert.Throws<FuzzOracleException>(() => FuzzRunner.CheckMessage(new InvalidDataException("bad, but where?")));
        Assert.Throws<FuzzOracleException>(() => FuzzRunner.CheckMessage(new InvalidDataException($"{FuzzTargets.InputName}: says 'a\nb'")));
    }
}
