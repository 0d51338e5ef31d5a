using Distill.Corpora;
using Distill.Corpora.Relations;
using Distill.Teachers.Relations;
using Distill.Teachers.Simulated;

namespace Distill.Tests.Teachers.Relations;

public class SimulatedPairTeacherTests
{
    static readonly Document Sentence = new("s1", "Severe hepatitis due to isoniazid.");
    static readonly AdePair Gold = new(new EntitySpan(24, 33, "medication", "isoniazid"), new EntitySpan(7, 16, "adverse_effect", "hepatitis"));

    static SimulatedPairTeacher Teacher(SimulatedTeacherProfile profile) => new(profile,
        new Dictionary<string, IReadOnlyList<AdePair>> { ["s1"] = [Gold] },
        new AdePatternTeacher(AdeMentionRecognizer.Create(ShippedTeachers.Value), AdePairingRule.Cooccurrence));

    [Fact]
    public async Task The_oracle_copies_gold_and_a_teacher_that_misses_everything_gives_nothing()
    {
        var oracle = await Teacher(SimulatedTeacherProfile.Oracle).LabelAsync(Sentence, PairSpans.EntityType);
        Assert.Equal([Gold.Key], PairSpans.Decode(oracle.Spans).Select(p => p.Key));
        Assert.Equal("simulated:oracle", oracle.Teacher);
        var blind = await Teacher(new SimulatedTeacherProfile("blind", MissRate: 1, FalsePositiveRate: 0)).LabelAsync(Sentence, PairSpans.EntityType);
        Assert.Empty(blind.Spans);
    }

    [Fact]
    public void Its_cache_key_depends_on_the_gold_pairs()
    {
        var teacher = Teacher(SimulatedTeacherProfile.Good);
        var other = new SimulatedPairTeacher(SimulatedTeacherProfile.Good, new Dictionary<string, IReadOnlyList<AdePair>>(),
            new AdePatternTeacher(AdeMentionRecognizer.Create(ShippedTeachers.Value), AdePairingRule.Cooccurrence));
        Assert.NotEqual(teacher.DocumentFingerprint(Sentence, PairSpans.EntityType), other.DocumentFingerprint(Sentence, PairSpans.EntityType));
    }
}
