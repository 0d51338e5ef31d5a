using Distill.Reporting;

namespace Distill.Tests.Reporting;

public sealed class StudyHeadlineTests : IDisposable
{
    readonly string root = Directory.CreateTempSubdirectory("distill-headline-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public async Task Rows_follow_the_reference_study_and_the_sentences_use_the_run_s_own_numbers()
    {
        var report = await SyntheticStudyRun.CreateAsync(root);

        var headline = StudyHeadline.From(report);

        var measured = headline.Rows.Where(r => r.Measured).ToList();
        Assert.Equal([StudyHeadline.BestTeacherRole, StudyHeadline.CombinationRole, StudyHeadline.DistilledRole], measured.Select(r => r.Role));
        Assert.All(measured, r => Assert.Equal("disease", r.EntityType));
        var teachers = report.Scores.Where(s => s.Mode == "token" && s.Type == "disease" && StudySystemNames.IsTeacher(s.System)).ToList();
        Assert.Equal(teachers.MaxBy(s => s.F1)!.System, measured[0].System);
        var student = measured[2];
        var studentScore = report.Scores.Single(s => s.System == StudySystemNames.DistilledStudent && s.Mode == "token" && s.Type == "disease");
        Assert.Equal(studentScore.F1, student.F1);
        Assert.Equal(0.42 / 6, student.SecondsPerNote!.Value, 12);
        // The published figures close the table and are never taken for measurements.
        Assert.Equal(2, headline.Rows.Count(r => !r.Measured && r.Role == StudyHeadline.PublishedRole && r.F1 is null));

        var verdict = headline.Sentences[0];
        Assert.StartsWith($"disease: the distilled student reaches token F1 {studentScore.F1:0.000}", verdict);
        var combination = measured[1].F1!.Value;
        Assert.Contains($"{Math.Abs(studentScore.F1 - combination):0.000} {(studentScore.F1 >= combination ? "above" : "below")} the teacher combination", verdict);
        Assert.Contains("paired bootstrap difference", verdict);
        // 3 s for 6 notes against 0.42 s: the student is 7.1 times faster than its teachers.
        Assert.Contains(headline.Sentences, s => s.Contains("7.1× faster than running its teachers"));
        Assert.Contains(headline.Sentences, s => s.StartsWith("Against the reference study's published GPT-4o", StringComparison.Ordinal));
    }
}
