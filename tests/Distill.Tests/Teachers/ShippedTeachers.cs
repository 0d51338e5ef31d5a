using Distill.Corpora;
using Distill.Evaluation;
using Distill.Teachers;
using Distill.Tests.Corpora;

namespace Distill.Tests.Teachers;

/// <summary>The offline teachers over the vocabularies shipped in data/, built once for every test class that needs them.</summary>
internal static class ShippedTeachers
{
    static readonly Lazy<OfflineTeachers> Offline = new(() => OfflineTeachers.Create());

    public static OfflineTeachers Value => Offline.Value;

    /// <summary>
    /// Token-level disease P/R/F1 of <paramref name="teacher"/> on the shipped NCBI Disease dev split, the split the
    /// offline teachers were tuned on (never test).
    /// </summary>
    public static async Task<PrecisionRecallF1> DevScoreAsync(ITeacher teacher)
    {
        var documents = NcbiDiseaseCorpusTests.Shipped.Split(SplitNames.Dev);
        var predicted = new List<Document>();
        foreach (var document in documents)
        {
            var labeling = await teacher.LabelAsync(document, EntityTypes.Disease);
            Assert.True(labeling.Succeeded, labeling.Error);
            predicted.Add(document.WithSpans(labeling.Spans));
        }
        var scorer = new TokenLevelScorer();
        return scorer.Count(scorer.Prepare(documents, [EntityTypes.Disease]), predicted).Summarize().PerType[EntityTypes.Disease];
    }
}
