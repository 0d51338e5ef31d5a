using Distill.Corpora;
using Distill.Students.Training;

namespace Distill.Tests.Students;

/// <summary>Small generated notes with medication and disease mentions, learnable in a few seconds by a tiny student.</summary>
public static class SyntheticNotes
{
    static readonly string[] Medications = ["aspirin", "metformin", "insulin", "ibuprofen", "warfarin"];
    static readonly string[] Diseases = ["diabetes", "cancer", "asthma", "hypertension", "pneumonia"];
    static readonly string[] Fillers = ["the patient", "she", "he", "the family", "today the patient"];

    public static List<TrainingDocument> Make(int count, int seed, int sentences = 3)
    {
        var random = new Random(seed);
        var documents = new List<TrainingDocument>();
        for (var d = 0; d < count; d++)
        {
            var text = "";
            var spans = new List<EntitySpan>();
            for (var s = 0; s < sentences; s++)
            {
                var filler = Fillers[random.Next(Fillers.Length)];
                var med = Medications[random.Next(Medications.Length)];
                var disease = Diseases[random.Next(Diseases.Length)];
                text += filler + " takes ";
                spans.Add(new EntitySpan(text.Length, text.Length + med.Length, EntityTypes.Medication, med));
                text += med + " for ";
                spans.Add(new EntitySpan(text.Length, text.Length + disease.Length, EntityTypes.Disease, disease));
                text += disease + " . ";
            }
            documents.Add(TrainingDocument.FromGold(new Document($"note-{seed}-{d}", text, spans)));
        }
        return documents;
    }
}
