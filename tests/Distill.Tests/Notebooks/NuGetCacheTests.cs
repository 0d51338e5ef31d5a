using Distill.Notebooks;

namespace Distill.Tests.Notebooks;

public sealed class NuGetCacheTests
{
    [Fact]
    public void Picks_the_best_framework_folder_and_the_highest_version()
    {
        using var temp = new TempFolder();
        foreach (var (version, framework) in new[] { ("1.0.0", "netstandard2.0"), ("1.2.0", "netstandard2.0"), ("1.2.0", "net8.0"), ("1.10.0", "net462") })
            File.WriteAllText(Path.Combine(Directory.CreateDirectory(temp.File($"probe.package/{version}/lib/{framework}")).FullName, "Probe.dll"), "");
        var cache = new NuGetCache(temp.Path);

        Assert.Equal(temp.File("probe.package/1.2.0/lib/net8.0/Probe.dll"), Assert.Single(cache.ResolveAssemblies("Probe.Package", "1.2.0")));
        Assert.Equal(temp.File("probe.package/1.0.0/lib/netstandard2.0/Probe.dll"), Assert.Single(cache.ResolveAssemblies("Probe.Package", "1.0.0")));
        // 1.10.0 is the highest version but has only a .NET Framework build.
        var e = Assert.Throws<NuGetPackageNotFoundException>(() => cache.ResolveAssemblies("Probe.Package", null));
        Assert.Contains("1.10.0 has no assemblies for .NET", e.Message);
    }

    [Fact]
    public void Missing_package_and_version_say_what_is_cached()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.File("probe.package/2.0.0/lib/net8.0"));
        var cache = new NuGetCache(temp.Path);

        var missing = Assert.Throws<NuGetPackageNotFoundException>(() => cache.ResolveAssemblies("Nope", "1.0.0"));
        Assert.Contains("package Nope is not in the local NuGet cache", missing.Message);
        var wrongVersion = Assert.Throws<NuGetPackageNotFoundException>(() => cache.ResolveAssemblies("Probe.Package", "1.0.0"));
        Assert.Contains("cached versions: 2.0.0", wrongVersion.Message);
    }
}
