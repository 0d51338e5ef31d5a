namespace Distill.Tests.Corpora;

/// <summary>Synthetic corpus files written in the exact source formats (TestData/Corpora, copied to the output).</summary>
internal static class CorpusTestData
{
    public static string Path(params string[] parts) => System.IO.Path.Combine([AppContext.BaseDirectory, "TestData", "Corpora", .. parts]);
}
