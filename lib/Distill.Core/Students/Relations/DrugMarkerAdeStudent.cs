using Distill.Aggregation.Relations;
using Distill.Corpora;
using Distill.Corpora.Relations;
using Distill.Students.Inference;
using Distill.Students.Training;
using static TorchSharp.torch;

namespace Distill.Students.Relations;

/// <summary>
/// The ablation Gu et al. 2023 compare against: the drug is marked in the input (<see cref="Open"/> and
/// <see cref="Close"/> around its words) and a plain token classifier (O / adverse_effect) tags that drug's adverse
/// events, so M drugs cost M encoder passes. Built entirely from the token student: the examples are
/// <see cref="TrainingDocument"/>s (one per sentence × drug) for <see cref="StudentTrainer"/>, and prediction is
/// <see cref="StudentPredictor.PredictTags"/>. Drugs at prediction time are given (the drug-conditioned student's NER).
/// </summary>
public static class DrugMarkerAdeStudent
{
    /// <summary>The marker words (plain punctuation pieces every BERT vocabulary has; Zhong and Chen 2021 use typed markers).</summary>
    public const string Open = "[[", Close = "]]";

    public static IReadOnlyList<string> Labels { get; } = [IoTagging.Outside, AdeTypes.AdverseEffect];

    /// <summary>The sentence's words with the drug's words wrapped in markers (zero-width tokens at the drug's ends).</summary>
    public static IReadOnlyList<Token> Mark(IReadOnlyList<Token> words, EntitySpan drug)
    {
        var marked = new List<Token>(words.Count + 2);
        var opened = false;
        var closed = false;
        foreach (var word in words)
        {
            var inside = word.End > drug.Start && word.Start < drug.End;
            if (inside && !opened) { marked.Add(new Token(word.Start, word.Start, Open)); opened = true; }
            if (!inside && opened && !closed) { marked.Add(new Token(word.Start, word.Start, Close)); closed = true; }
            marked.Add(word);
        }
        if (opened && !closed) marked.Add(new Token(words[^1].End, words[^1].End, Close));
        return marked;
    }

    /// <summary>One training document per (sentence, drug): marked words, tags adverse_effect on that drug's events.</summary>
    public static IReadOnlyList<TrainingDocument> Examples(IReadOnlyList<AdeDistillationLine> lines)
    {
        var examples = new List<TrainingDocument>();
        foreach (var line in lines)
        {
            var words = ClinicalWordTokenizer.Instance.Tokenize(line.Text);
            var pairs = line.ToPairs();
            var k = 0;
            foreach (var drug in line.ToDrugs())
            {
                var marked = Mark(words, drug);
                var events = pairs.Where(p => p.Drug.Overlaps(drug)).Select(p => p.AdverseEvent).ToArray();
                var tags = marked.Select(t => t.Length > 0 && events.Any(e => t.End > e.Start && t.Start < e.End) ? AdeTypes.AdverseEffect : IoTagging.Outside).ToArray();
                examples.Add(new TrainingDocument($"{line.Id}#{k++}", line.Text, marked, tags));
            }
        }
        return examples;
    }

    /// <summary>Trains into <paramref name="outputDirectory"/> from <paramref name="encoderDirectory"/> (resumes as <see cref="StudentTrainer"/> does), then names the head in config.json.</summary>
    public static AdeTrainingResult Train(string encoderDirectory, IReadOnlyList<AdeDistillationLine> lines, TrainingOptions options, string outputDirectory,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default, Device? device = null)
    {
        var examples = Examples(lines);
        if (examples.Count == 0) throw new ArgumentException("The ADE distillation set has no drug mentions to mark.", nameof(lines));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        manual_seed(options.Seed);
        using var student = StudentModel.Load(encoderDirectory, out _, Labels, device);
        var result = new StudentTrainer(options with { EarlyStoppingPatience = 0, ClassWeights = [1.0, DrugConditionedAdeTrainer.EventWeight] }).Train(student, examples, [], outputDirectory, progress, cancellationToken);
        var resumed = result.ResumedAfterEpoch >= options.Epochs;
        // A finished training found again keeps the time it took then (the head record), not the second it took to find it.
        var seconds = resumed && AdeStudentHead.TrainSeconds(outputDirectory) is { } earlier ? earlier : watch.Elapsed.TotalSeconds;
        AdeStudentHead.Write(outputDirectory, AdeStudentHead.DrugMarkers, new Dictionary<string, object?>
        {
            ["markers"] = new[] { Open, Close },
            ["event_labels"] = Labels,
            ["paper"] = "Gu et al. 2023, arXiv 2307.06439 (ablation: drug markers, one encoder pass per drug)",
            [AdeStudentHead.TrainSecondsKey] = seconds,
        });
        StudentTrainer.RemoveResumeCheckpoint(outputDirectory);
        return new AdeTrainingResult(outputDirectory, result.Epochs.Count == 0 ? result.ResumedAfterEpoch : result.Epochs[^1].Epoch, examples.Count,
            result.Epochs.Select(h => h.TrainLoss).ToArray(), seconds, resumed);
    }

    /// <summary>
    /// Pairs per sentence for the given drugs: one marked pass per drug. A word is an adverse event when its event logit
    /// exceeds its outside logit by <paramref name="eventBias"/> (0: the argmax; see <see cref="EventDecision"/>).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<AdePair>> Predict(StudentModel student, IReadOnlyList<string> texts, IReadOnlyList<IReadOnlyList<EntitySpan>> drugs, int maxLength,
        int batchSize = 16, double eventBias = 0)
    {
        // The outside logit is raised by the bias rather than the event logit lowered: the same decision, and on a tie
        // the argmax keeps the first label (outside) either way.
        var predictor = new StudentPredictor(student, batchSize, maxLength, 0) { LogitBias = eventBias == 0 ? null : [(float)eventBias, 0f] };
        var jobs = new List<(int Sentence, EntitySpan Drug, IReadOnlyList<Token> Words, IReadOnlyList<Token> Marked)>();
        for (var i = 0; i < texts.Count; i++)
        {
            var words = ClinicalWordTokenizer.Instance.Tokenize(texts[i]);
            foreach (var drug in drugs[i]) jobs.Add((i, drug, words, Mark(words, drug)));
        }
        var tags = predictor.PredictTags(jobs.Select(j => j.Marked).ToArray());
        var pairs = texts.Select(_ => new List<AdePair>()).ToArray();
        for (var j = 0; j < jobs.Count; j++)
        {
            var (sentence, drug, words, marked) = jobs[j];
            // Drop the markers' tags, then decode the words' IO tags.
            var wordTags = marked.Select((t, k) => (t, tags[j][k])).Where(x => x.t.Length > 0).Select(x => x.Item2).ToArray();
            foreach (var ev in IoTagging.Decode(texts[sentence], words, wordTags))
                if (!ev.Overlaps(drug)) pairs[sentence].Add(new AdePair(drug, ev));
        }
        return pairs;
    }
}
