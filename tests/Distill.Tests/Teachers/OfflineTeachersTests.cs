using Distill.Corpora;
using Distill.Teachers;
using Distill.Teachers.Dictionary;

namespace Distill.Tests.Teachers;

public class OfflineTeachersTests
{
    [Fact]
    public void Builds_the_four_offline_teachers_around_one_dictionary()
    {
        var offline = ShippedTeachers.Value;
        Assert.Equal(["dictionary", "mesh", "morphology", "abbreviation"], offline.All.Select(t => t.Name));
        Assert.Equal([TeacherKind.Dictionary, TeacherKind.Dictionary, TeacherKind.Rules, TeacherKind.Rules], offline.All.Select(t => t.Kind));
        Assert.All(offline.All.OfType<ICacheableTeacher>(), t => Assert.False(t.Fingerprint(EntityTypes.Disease).UsesNetwork));
        Assert.Equal(4, offline.All.OfType<ICacheableTeacher>().Count());
        // The abbreviation teacher recognizes long forms with the other three.
        Assert.Contains(offline.Dictionary.Lexicon.Hash, offline.Abbreviation.Recognizer.Version);
        Assert.Contains(offline.Mesh.Lexicon.Hash, offline.Abbreviation.Recognizer.Version);
        Assert.Contains("morphology", offline.Abbreviation.Recognizer.Version);
    }

    [Fact]
    public void A_given_dictionary_is_reused_not_reloaded()
    {
        var small = new DictionaryTeacher(new Lexicon([new LexiconEntry("gout", EntityTypes.Disease, "X")]));
        var offline = OfflineTeachers.Create(small);
        Assert.Same(small, offline.Dictionary);
        Assert.Same(small.Options, offline.Mesh.Options);
    }

    [Fact]
    public void Each_says_which_entity_types_it_can_label()
    {
        var offline = ShippedTeachers.Value;
        string[] Types(ITeacher t) => EntityTypes.Study.Where(t.Supports).ToArray();
        Assert.Equal(["disease", "medication", "symptom"], Types(offline.Dictionary));
        Assert.Equal(["disease", "medication", "symptom"], Types(offline.Mesh));
        Assert.Equal(["disease"], Types(offline.Morphology));
        Assert.Equal(["disease", "medication", "symptom"], Types(offline.Abbreviation));
        Assert.All(offline.All, t => Assert.False(t.Supports("procedure")));
    }

    [Fact]
    public async Task Together_they_reach_their_dev_floor_on_NCBI_Disease()
    {
        // The union of the four (a token is a mention if any teacher says so), measured on dev when tuned:
        // P 0.933, R 0.905, F1 0.919. A regression below F1 0.899 fails.
        var score = await ShippedTeachers.DevScoreAsync(new UnionTeacher(ShippedTeachers.Value.All));
        Assert.True(score.F1 >= 0.899, $"union dev F1 {score.F1:F3} (P {score.Precision:F3}, R {score.Recall:F3})");
    }

    /// <summary>Every span any of the teachers gives (the union of their labels).</summary>
    sealed class UnionTeacher(IReadOnlyList<ITeacher> teachers) : ITeacher
    {
        public string Name => "union";
        public TeacherKind Kind => TeacherKind.Rules;

        public async Task<TeacherLabeling> LabelAsync(Document document, string entityType, CancellationToken cancellationToken = default)
        {
            var spans = new List<EntitySpan>();
            foreach (var teacher in teachers) spans.AddRange((await teacher.LabelAsync(document, entityType, cancellationToken)).Spans);
            return new TeacherLabeling(Name, document.Id, entityType, spans.OrderBy(s => s.Start).ToArray(), 0, 0, TimeSpan.Zero, 0m, false, null, null);
        }
    }
}
