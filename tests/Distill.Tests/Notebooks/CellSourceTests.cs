using Distill.Notebooks;

namespace Distill.Tests.Notebooks;

public sealed class CellSourceTests
{
    [Fact]
    public void Magics_and_package_lines_are_blanked_keeping_line_numbers()
    {
        using var temp = new TempFolder();
        var dll = ProbeAssembly.Emit(temp.File("probe.package/1.0.0/lib/netstandard2.0/Probe.dll"), "Probe", "Probe", "p");
        const string source = "#!csharp\n#i \"nuget:https://example.org/feed\"\n#r \"nuget: Probe.Package, 1.0.0\"\n#r \"local.dll\"\nvar x = 1;";

        var prepared = CellSource.Prepare(source, new NuGetCache(temp.Path));

        Assert.Equal("\n\n\n#r \"local.dll\"\nvar x = 1;", prepared.Code);
        Assert.Equal([dll], prepared.NuGetReferences);
    }

    [Fact]
    public void A_missing_package_is_reported_on_its_line()
    {
        using var temp = new TempFolder();
        var e = Assert.Throws<CellDirectiveException>(() => CellSource.Prepare("var a = 1;\n#r \"nuget:Absent.Package,9.9.9\"", new NuGetCache(temp.Path)));

        Assert.Equal(2, e.Line);
        Assert.Contains("Absent.Package is not in the local NuGet cache", e.Message);
    }

    [Fact]
    public void Other_languages_are_refused()
    {
        var e = Assert.Throws<CellDirectiveException>(() => CellSource.Prepare("#!fsharp\nlet x = 1", new NuGetCache("/nonexistent")));
        Assert.Equal(1, e.Line);
        Assert.Contains("'#!fsharp' is not supported", e.Message);
    }
}
