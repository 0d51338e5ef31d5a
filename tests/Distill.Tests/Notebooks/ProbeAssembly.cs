using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Distill.Tests.Notebooks;

/// <summary>Compiles a tiny class library (<c>public static class {Class} { public static string Value }</c>) to a file,
/// for tests of <c>#r</c> paths and of packages in a local NuGet cache.</summary>
public static class ProbeAssembly
{
    public static string Emit(string path, string assemblyName, string className, string value)
    {
        var tree = CSharpSyntaxTree.ParseText($"public static class {className} {{ public static string Value => \"{value}\"; }}");
        var compilation = CSharpCompilation.Create(assemblyName, [tree],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var result = compilation.Emit(path);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return path;
    }
}
