using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Distill.Encoders;

/// <summary>
/// Reads embedded manifest resources straight from an assembly file's metadata (ECMA-335 §II.24.2.6:
/// the CLI header's Resources directory holds each resource as a 4-byte little-endian length and the bytes).
/// The assembly is never loaded, so none of its code runs and a 90 MB model is streamed, not mapped into the
/// process as an assembly.
/// </summary>
internal static class ManifestResourceReader
{
    /// <summary>Names of the embedded resources of <paramref name="assemblyPath"/>.</summary>
    public static IReadOnlyList<string> Names(string assemblyPath)
    {
        using var pe = Open(assemblyPath, out var metadata);
        return metadata.ManifestResources.Select(h => metadata.GetString(metadata.GetManifestResource(h).Name)).ToArray();
    }

    /// <summary>Copies resource <paramref name="resourceName"/> of <paramref name="assemblyPath"/> into <paramref name="destination"/>; returns its length.</summary>
    public static long CopyTo(string assemblyPath, string resourceName, Stream destination)
    {
        using var pe = Open(assemblyPath, out var metadata);
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (metadata.GetString(resource.Name) != resourceName) continue;
            if (!resource.Implementation.IsNil)
                throw new InvalidDataException($"{assemblyPath}: resource '{resourceName}' lives in another file, not embedded in this assembly.");
            var directory = pe.PEHeaders.CorHeader!.ResourcesDirectory;
            if (resource.Offset < 0 || resource.Offset + 4 > directory.Size)
                throw new InvalidDataException($"{assemblyPath}: resource '{resourceName}' has offset {resource.Offset} outside the resources directory ({directory.Size} bytes).");
            var block = pe.GetSectionData(directory.RelativeVirtualAddress + (int)resource.Offset);
            var reader = block.GetReader();
            var length = reader.ReadInt32();
            if (length < 0 || resource.Offset + 4L + length > directory.Size)
                throw new InvalidDataException($"{assemblyPath}: resource '{resourceName}' declares {length} bytes, more than its directory holds.");
            var buffer = new byte[1 << 20];
            for (var remaining = length; remaining > 0;)
            {
                var count = Math.Min(buffer.Length, remaining);
                reader.ReadBytes(count, buffer, 0);
                destination.Write(buffer, 0, count);
                remaining -= count;
            }
            return length;
        }
        throw new KeyNotFoundException($"{assemblyPath} has no embedded resource '{resourceName}'; it has: {string.Join(", ", Names(assemblyPath))}.");
    }

    static PEReader Open(string assemblyPath, out MetadataReader metadata)
    {
        if (!File.Exists(assemblyPath)) throw new FileNotFoundException($"Assembly '{assemblyPath}' does not exist.", assemblyPath);
        var pe = new PEReader(File.OpenRead(assemblyPath));
        try
        {
            if (!pe.HasMetadata || pe.PEHeaders.CorHeader is null)
                throw new InvalidDataException($"{assemblyPath} is not a .NET assembly (no CLI metadata).");
            metadata = pe.GetMetadataReader();
            return pe;
        }
        catch (BadImageFormatException e)
        {
            pe.Dispose();
            throw new InvalidDataException($"{assemblyPath} is not a .NET assembly ({e.Message}).", e);
        }
        catch
        {
            pe.Dispose();
            throw;
        }
    }
}
