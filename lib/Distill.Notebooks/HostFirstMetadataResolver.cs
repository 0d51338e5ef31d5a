using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace Distill.Notebooks;

/// <summary>
/// Resolves <c>#r</c> directives, preferring assemblies the host process already loaded. Notebooks reference the
/// compiled library by path (<c>#r "../lib/Distill.Core/bin/Release/net10.0/Distill.Core.dll"</c>) so that other
/// notebook front ends can load it; under this runner and kernel the library is already loaded, and binding to
/// that copy keeps one <c>DataFrame</c> or <c>Document</c> type per process whichever build folder the path names.
/// Everything else resolves as Roslyn's default resolver does, relative to the notebook's folder.
/// </summary>
sealed class HostFirstMetadataResolver(ScriptMetadataResolver inner, IReadOnlyDictionary<string, Assembly> hostAssemblies)
    : MetadataReferenceResolver
{
    public override bool ResolveMissingAssemblies => inner.ResolveMissingAssemblies;

    public override ImmutableArray<PortableExecutableReference> ResolveReference(string reference, string? baseFilePath, MetadataReferenceProperties properties)
    {
        var simpleName = reference.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? Path.GetFileNameWithoutExtension(reference) : null;
        if (simpleName is not null && hostAssemblies.TryGetValue(simpleName, out var loaded) && !string.IsNullOrEmpty(loaded.Location))
            return [MetadataReference.CreateFromFile(loaded.Location, properties)];
        return inner.ResolveReference(reference, baseFilePath, properties);
    }

    public override PortableExecutableReference? ResolveMissingAssembly(MetadataReference definition, AssemblyIdentity referenceIdentity) =>
        inner.ResolveMissingAssembly(definition, referenceIdentity);

    public override bool Equals(object? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => inner.GetHashCode();
}
