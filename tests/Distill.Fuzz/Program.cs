using Distill.Fuzz;
using SharpFuzz;

// The fuzz harness (issue 15). Under afl-fuzz: `Distill.Fuzz <target>` (environment/fuzz.sh instruments Distill.Core.dll
// with SharpFuzz and starts afl-fuzz on it). By hand: `Distill.Fuzz replay <target> <file or folder>...` runs each input
// once and says what it did (exit 1 if any crashed); `Distill.Fuzz list` prints the targets and their user errors.
if (args is ["list"])
{
    foreach (var t in FuzzTargets.All) Console.WriteLine($"{t.Name}\t{t.UserErrors}");
    return 0;
}
if (args is ["replay", var replayName, .. var inputs] && FuzzTargets.Find(replayName) is { } replayTarget)
{
    // The instrumented Distill.Core.dll records each branch in afl-fuzz's shared map; outside afl-fuzz nothing maps it,
    // so an instrumented build would write through a null pointer. A private 64 KiB map (AFL's MAP_SIZE) stands in.
    unsafe
    {
        if (SharpFuzz.Common.Trace.SharedMem is null)
            SharpFuzz.Common.Trace.SharedMem = (byte*)System.Runtime.InteropServices.NativeMemory.AllocZeroed(1 << 16);
    }
    using var scratch = new ScratchFolder();
    var runner = new FuzzRunner(replayTarget, scratch);
    var crashes = 0;
    var files = inputs.SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p).Order(StringComparer.Ordinal).ToArray() : new[] { p })
        .Where(f => !Path.GetFileName(f).StartsWith("README", StringComparison.Ordinal));
    foreach (var file in files)
    {
        try
        {
            Console.WriteLine($"{file}: {runner.Execute(File.ReadAllBytes(file))}");
        }
        catch (Exception e)
        {
            crashes++;
            Console.WriteLine($"{file}: CRASH {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
            Console.WriteLine(e.StackTrace?.Split('\n').Take(6).Aggregate((a, b) => a + "\n" + b));
        }
    }
    return crashes == 0 ? 0 : 1;
}
if (args is [var name] && FuzzTargets.Find(name) is { } target)
{
    using var scratch = new ScratchFolder();
    var runner = new FuzzRunner(target, scratch);
    Fuzzer.Run(stream =>
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        runner.Execute(copy.ToArray());
    });
    return 0;
}
Console.Error.WriteLine($"usage: Distill.Fuzz <target> | replay <target> <file or folder>... | list; targets: {string.Join(", ", FuzzTargets.All.Select(t => t.Name))}");
return 2;
