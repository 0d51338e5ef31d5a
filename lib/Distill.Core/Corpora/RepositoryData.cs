using Distill.Runtime;

namespace Distill.Corpora;

/// <summary>
/// For notebooks and scripts: the toolkit's folder and shipped data as <see cref="DistillPaths.Default"/> finds them.
/// Library code takes a <see cref="DistillPaths"/> instead (the pipeline's <c>StudyContext</c> carries one).
/// </summary>
public static class RepositoryData
{
    /// <summary>The folder holding Research.sln, the published tool's folder, or DISTILL_HOME.</summary>
    public static string Root => DistillPaths.Default.Home;

    /// <summary>A path under the shipped <c>data/</c> folder, e.g. <c>Path("ncbi-disease")</c>.</summary>
    public static string Path(params string[] parts) => DistillPaths.Default.DataFile(parts);
}
