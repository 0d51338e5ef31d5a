using Distill.IO;

namespace Distill.Tests.IO;

/// <summary>
/// Kills a folder swap at every point where the disk changes (a thrown exception stands in for SIGKILL: the swap
/// has no cleanup code, so nothing runs after it either) and checks that one complete version always survives.
/// </summary>
public sealed class FolderSwapTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("distill-swap-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    sealed class Killed : Exception;

    static readonly string[] Files = ["model.safetensors", "config.json", "distill_student.json"];

    /// <summary>Writes version <paramref name="version"/> of every file; with <paramref name="dieAfter"/>, stops after that many files.</summary>
    static Action<string> Version(int version, int? dieAfter = null) => folder =>
    {
        for (var i = 0; i < Files.Length; i++)
        {
            if (i == dieAfter) throw new Killed();
            File.WriteAllText(Path.Combine(folder, Files[i]), $"v{version}");
        }
    };

    /// <summary>The version every file of <paramref name="folder"/> holds; fails when they differ (a mixed save).</summary>
    static int VersionOf(string folder)
    {
        var versions = Files.Select(f => File.ReadAllText(Path.Combine(folder, f))).Distinct().ToArray();
        Assert.True(versions.Length == 1, $"{folder} mixes versions {string.Join(", ", versions)}");
        return int.Parse(versions[0][1..]);
    }

    static Action<FolderSwapStep> KillAt(FolderSwapStep step, int occurrence = 1)
    {
        var seen = 0;
        return s =>
        {
            if (s == step && ++seen == occurrence) throw new Killed();
        };
    }

    static readonly FolderSwapStep[] ReplaceSteps =
        [FolderSwapStep.Written, FolderSwapStep.StaleOldRemoved, FolderSwapStep.CurrentMovedAside, FolderSwapStep.NewMovedIn, FolderSwapStep.OldRemoved];

    void Save(string folder, int version, FolderSwapStep? killAt)
    {
        try
        {
            FolderSwap.ReplaceObserved(folder, Version(version), killAt is { } k ? KillAt(k) : null);
        }
        catch (Killed)
        {
        }
    }

    [Fact]
    public void Two_kills_in_a_row_at_any_points_never_lose_the_last_complete_checkpoint()
    {
        // Issue 15: killed between the two renames, then the next save deleted .old (the only complete copy) first.
        foreach (var first in ReplaceSteps)
            foreach (var second in ReplaceSteps.Cast<FolderSwapStep?>().Append(null))
            {
                var folder = Path.Combine(dir, $"{first}-{second}", "checkpoint-last");
                FolderSwap.Replace(folder, Version(1));
                Save(folder, 2, first);
                var afterFirst = VersionOf(FolderSwap.Resolve(folder)!);
                Assert.InRange(afterFirst, 1, 2);
                Save(folder, 3, second);
                var resolved = FolderSwap.Resolve(folder);
                Assert.True(resolved is not null, $"kill at {first} then {second}: no complete checkpoint left");
                var afterSecond = VersionOf(resolved!);
                Assert.True(afterSecond == 3 || afterSecond == afterFirst, $"kill at {first} then {second}: v{afterSecond} after v{afterFirst}");
                if (second is null) Assert.Equal(3, afterSecond);
            }
    }

    [Fact]
    public void A_kill_while_writing_leaves_the_previous_version_and_the_next_save_cleans_up()
    {
        var folder = Path.Combine(dir, "checkpoint-last");
        FolderSwap.Replace(folder, Version(1));
        Assert.Throws<Killed>(() => FolderSwap.Replace(folder, Version(2, dieAfter: 1)));
        Assert.Equal(1, VersionOf(FolderSwap.Resolve(folder)!));

        FolderSwap.Replace(folder, Version(3));
        Assert.Equal(3, VersionOf(folder));
        Assert.Equal(["checkpoint-last"], Directory.GetDirectories(dir).Select(Path.GetFileName));
    }

    [Fact]
    public void Nothing_complete_resolves_to_null()
    {
        var folder = Path.Combine(dir, "checkpoint-last");
        Assert.Null(FolderSwap.Resolve(folder));
        Assert.Throws<Killed>(() => FolderSwap.Replace(folder, Version(1, dieAfter: 2)));
        Assert.Null(FolderSwap.Resolve(folder));
    }

    [Theory]
    [InlineData(nameof(FolderSwapStep.Written), 1)]
    [InlineData(nameof(FolderSwapStep.FilesCommitted), 1)]
    [InlineData(nameof(FolderSwapStep.FileMovedIn), 1)]
    [InlineData(nameof(FolderSwapStep.FileMovedIn), 2)]
    [InlineData(nameof(FolderSwapStep.FileMovedIn), 3)]
    public void A_best_model_save_killed_anywhere_gives_one_epochs_files_after_restart(string stepName, int occurrence)
    {
        var step = Enum.Parse<FolderSwapStep>(stepName);
        // The best model's folder also holds checkpoint-last/ and the training log; those are left alone.
        var model = Path.Combine(dir, "student");
        FolderSwap.ReplaceFilesIn(model, Version(1));
        File.WriteAllText(Path.Combine(model, "training.log"), "log");
        Directory.CreateDirectory(Path.Combine(model, "checkpoint-last"));

        Assert.Throws<Killed>(() => FolderSwap.ReplaceFilesInObserved(model, Version(2), KillAt(step, occurrence)));
        FolderSwap.FinishInterrupted(model);

        var expected = step == FolderSwapStep.Written ? 1 : 2; // committed at FilesCommitted: from there it rolls forward
        Assert.Equal(expected, VersionOf(model));
        Assert.Equal("log", File.ReadAllText(Path.Combine(model, "training.log")));
        Assert.Equal(["checkpoint-last"], Directory.GetDirectories(model).Select(Path.GetFileName));
    }

    [Fact]
    public void A_best_model_save_killed_while_writing_is_discarded()
    {
        var model = Path.Combine(dir, "student");
        FolderSwap.ReplaceFilesIn(model, Version(1));
        Assert.Throws<Killed>(() => FolderSwap.ReplaceFilesIn(model, Version(2, dieAfter: 2)));
        FolderSwap.FinishInterrupted(model);
        Assert.Equal(1, VersionOf(model));
        Assert.Empty(Directory.GetDirectories(model));
    }
}
