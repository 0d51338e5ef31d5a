using Distill.Encoders;

namespace Distill.Tests.Encoders;

/// <summary>
/// The packaged encoders' files, extracted once per machine into the repository's <c>.cache/encoders</c> (where the
/// CLI keeps them too; extraction is idempotent and atomic, and <see cref="PackagedEncoderStoreTests"/> tests it in
/// temporary folders).
/// </summary>
internal static class TestEncoders
{
    static readonly Lazy<PackagedEncoderStore> Store = new(() => new PackagedEncoderStore(Path.Combine(RepositoryRoot.Path, ".cache", "encoders")));

    public static EncoderFiles Files(PretrainedEncoder encoder) => Store.Value.Get(encoder);

    public static EncoderFiles MiniLm => Files(PretrainedEncoders.MiniLm);
}
