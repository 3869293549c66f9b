package dev.chorus.orchestration.analysis;

import dev.chorus.provider.catalog.Domain;
import java.util.EnumMap;
import java.util.Map;

/**
 * Keyword evidence for each domain in English and Russian. Weights: 4-5 for words that name the
 * task outright ("translate", "summarize", "poem"), 2-3 for words typical of the domain, 1 or less
 * for words that lean one way but appear elsewhere too ("write", "why", "error"). Words that name
 * the task beat topic words, so "a poem about Python" is creative and "a joke about programmers" is
 * not code.
 */
final class DomainCues {

    static final Map<Domain, Lexicon> LEXICONS = new EnumMap<>(Domain.class);

    static {
        LEXICONS.put(Domain.CODE, new Lexicon(
                "python:3", "javascript:3", "typescript:3", "js:3", "java:2.5", "golang:3", "go code:2", "go program:3",
                "rust:2", "c:1", "cpp:3", "kotlin:3", "php:3", "sql:3", "regex:3", "regexp:3", "bash:3",
                "react:3", "django:3", "flask:3", "spring:1", "docker:3", "docker compose:1", "kubernetes:3", "kubectl:3",
                "git:3", "npm:3", "pip:2", "api:1", "json:2", "html:3", "css:3", "div:2", "jvm:3", "redis:3",
                "postgres*:3", "postgresql:1", "mysql:3", "aiogram:3", "linux:2", "compile*:2", "debug*:3", "refactor*:3",
                "bug:2", "exception:2", "traceback:3", "stack trace:3", "segmentation fault:3", "deadlock:2",
                "data race:3", "thread*:1", "async:2", "await:2", "function:2", "method:1", "class:1", "variable*:2",
                "array:2", "substring*:3", "subarray*:3", "subsequence*:2", "implement*:2", "algorithm*:2", "time complexity:3", "query:1", "endpoint:1",
                "database:2", "frontend:2", "backend:2", "mutex:3", "lock free:3", "atomic:1", "parser:2",
                "tokenizer:2", "interpreter:2", "bytecode:3", "context free:4", "turing machine:4", "decidable:3",
                "undecidable:3", "automat*:1", "big o:3", "unit test*:2", "dependency injection:3",
                "script:2", "code:2", "program:1", "programming:2", "install*:1", "error:1", "crash*:1",
                "ipv4:1", "useeffect:3", "pod:1", "borrow checker:3", "garbage collector:2", "nullpointerexception:4",
                "код:2", "коде:2", "кода:2", "скрипт*:2", "функци*:2", "метод*:1", "класс:1", "массив*:2", "питон*:3",
                "джава:3", "программ*:0.5", "ошибк*:0.5", "бот*:1", "бд:2", "баз* данных:2", "миграци*:1", "запрос:1",
                "алгоритм*:2", "реализу*:2", "сборщик мусора:2", "поток*:1", "процесс*:0.5", "шаблонн*:1",
                "перегрузк*:2", "компиляц*:2", "распределенн* блокировк*:3", "оптимизир* запрос:2"));
        LEXICONS.put(Domain.MATH, new Lexicon(
                "solve:2", "equation*:3", "integral*:3", "derivative*:3", "prove:2", "proof:2", "show that:2",
                "theorem:2", "lemma:2", "probability:2", "matrix:2", "matrices:2", "eigen*:3", "limit:1", "lim:2",
                "series:1", "converge*:2", "prime*:2", "group of order:3", "abelian:3", "cyclic:2", "percent*:1",
                "percentage:2", "compute:1", "calculate:1", "area:1", "radius:2", "circle:1", "triangle:2",
                "geometric:1", "factorial:2", "divisible:2", "divisor*:2", "integer*:2", "irrational:3", "sqrt:3", "lebesgue:3",
                "measure zero:3", "integrable:3", "dice:1", "expected number:2", "expected value:2", "interest:1",
                "diagonaliz*:3", "inequality:2", "continuous:2", "solutions:1", "how much is:1", "math*:2", "how many ways:3",
                "реши*:1.5", "уравнени*:3", "интеграл*:3", "производн*:3", "докаж*:2", "доказ*:2", "теорем*:2",
                "вероятност*:2", "матриц*:2", "предел*:2", "ряд:1", "сходимост*:2", "прост* чис*:2", "групп*:1",
                "циклическ*:2", "процент*:1", "вычисл*:2", "посчита*:1", "сколько будет:2", "площад*:1",
                "радиус*:2", "среднее:1", "сумм*:1", "делится:2", "натуральн*:2", "ранг:2", "базис*:2",
                "непрерывн*:2", "иррационал*:3", "интегрируем*:3", "почти всюду:3", "мер*:0.5", "функци*:0.5",
                "математ*:2", "задач* по математике:2", "систем* уравнений:3", "шар*:0.5", "урн*:2"));
        LEXICONS.put(Domain.REASONING, new Lexicon(
                "riddle:3", "puzzle:3", "logic*:2", "paradox:2", "should i:3", "is it better:3", "is it worth:3",
                "which is better:3", "better to:2", "which is heavier:3", "compare:2", "vs:1", "versus:1",
                "pros and cons:3", "tradeoff*:3", "trade offs:3", "reason it out:3", "think about it:2",
                "what would happen:3", "what if:2", "strategy:2", "decision*:1", "decide:1", "plan:1", "risks:2",
                "evaluate:2", "analyze:2", "analyse:2", "argument:2", "fallacy:3", "truth:1", "lying:2",
                "lies:1", "counterfeit:2", "weighing*:2", "game theory:3", "prisoner*:1", "recommend:1",
                "who is right:3", "is he right:2", "is she right:2", "consequences:2", "effects:1",
                "rational:2", "necessarily:2", "imagine:1", "suppose:2", "assume:1", "what could be:2",
                "what could explain:2", "definitely:1", "defendant:2", "plaintiff:2", "admissible:2",
                "inadmissible:2", "hearsay:3", "liable:2", "negligen*:2", "statute:2", "landlord:1", "tenant:1", "does it follow:3", "must be true:2", "makes more sense:2", "financial sense:2", "minimum total:2", "how long until:1",
                "кто прав:3", "истец*:2", "ответчик*:2", "подсудим*:2", "рассуд*:3", "рассужд*:2", "порассужд*:3", "загадк*:3", "логи*:2", "что лучше:3",
                "что выгоднее:3", "выгодн*:2", "стоит ли:3", "сравни:2", "плюсы и минусы:3", "что будет если:3",
                "если бы:2", "стратеги*:2", "риск*:2", "оцени:1", "проанализируй:2", "аргумент*:2",
                "логическая ошибка:3", "фальшив*:2", "взвешивани*:2", "последстви*:2", "обоснуй:1",
                "оптимальн*:1", "как определить:2", "представь*:1", "предположим:2", "допустим:2", "следует ли:3", "как перевезти:2", "объясни логику:3", "почему если:1"));
        LEXICONS.put(Domain.WRITING, new Lexicon(
                "write:1", "email:3", "e mail:3", "letter:2", "essay:3", "cover letter:3", "resume:2", "cv:3",
                "proofread*:4", "grammar:3", "typo*:3", "punctuation:3", "rewrite:3", "rephrase:3",
                "paraphrase:3", "edit:3", "post:2", "linkedin:3", "blog:2", "speech:2", "toast:2",
                "thank you note:3", "complaint:2", "op ed:3", "press release:3", "description*:1.5",
                "policy:1.5", "proposal:2", "sound more:2", "sound better:2", "sounds better:2", "professional:1",
                "polite*:1", "tone:2", "draft:2", "readme:2", "shorter:1", "wording:2", "spelling:3",
                "passive aggressive:1", "intro:1",
                "напиши:1", "письм*:3", "эссе:3", "сопроводительн*:3", "резюме:1.5", "граммат*:3", "опечат*:3",
                "пунктуац*:3", "запят*:3", "перефразир*:3", "переформулир*:3", "отредактир*:3",
                "редактир*:2", "исправь ошибки:3", "исправь:1", "поправь:2", "пост:2", "блог*:2", "статью:2",
                "речь:2", "тост:2", "заявлени*:3", "претензи*:3", "жалоб*:2", "оферт*:3", "звучал*:1",
                "вежлив*:1", "официальн*:1", "составь:1", "канцелярит:3", "как правильно:2", "правописани*:3",
                "текст*:0.5"));
        LEXICONS.put(Domain.CREATIVE, new Lexicon(
                "poem*:4", "poetry:4", "story:3", "stories:3", "fairy tale:4", "tale:2", "joke*:4", "pun:2",
                "limerick:4", "haiku:4", "sonnet:4", "villanelle:4", "lyrics:4", "song:3", "rap:3", "slogan:3",
                "name ideas:3", "names for:2", "come up with:2", "invent:2", "make up:2", "fiction:3",
                "novel:2", "chapter:2", "screenplay:3", "scene:2", "dialogue:2", "character*:2", "adventure:2",
                "fantasy:2", "magic system:3", "bedtime:3", "rhyme*:3", "cocktail:1", "backstory:2",
                "funny:1", "valentine:2", "creative:2", "in the style of:1", "one shot:2", "villain:2",
                "стих*:4", "поэм*:3", "рассказ:3", "рассказы:3", "сказк*:4", "шутк*:4", "анекдот*:4", "хокку:4",
                "сонет*:4", "песн*:3", "куплет*:3", "припев*:3", "рэп:3", "слоган*:3", "придумай:2",
                "придумать:2", "сочини*:3", "сценари*:2", "диалог*:2", "персонаж*:2", "сюжет*:2",
                "приключени*:2", "фэнтези:2", "акростих*:4", "четверостиши*:4", "рифм*:2", "смешн*:1",
                "поздравлени*:3", "в стиле:1", "детективн*:2", "названи*:1"));
        LEXICONS.put(Domain.TRANSLATION, new Lexicon(
                "translate*:5", "translation:5", "how do you say:4", "how to say:4", "how do i say:4",
                "mean in english:2", "localize:3", "localise:3", "localization:3",
                "переведи*:5", "перевод*:5", "перевести:5", "перевед*:5", "как будет по:4", "как сказать:3",
                "по английски:2", "означает слово:2"));
        LEXICONS.put(Domain.SUMMARIZATION, new Lexicon(
                "summarize:5", "summarise:5", "summary:4", "summarization:5", "tl dr:5", "tldr:5", "key points:4",
                "key takeaways:4", "takeaways:3", "gist:4", "in a nutshell:4", "recap:2", "sum up:4",
                "condense:4", "boil down:4", "abstract:1", "main points:3", "main ideas:3", "main arguments:2",
                "short summary:2", "extract:3", "highlights:1", "извлеки:3", "выпиши:2",
                "суммаризир*:5", "перескажи:5", "пересказ*:5", "кратко:3", "краткое:3", "краткое содержание:3",
                "в двух словах:4", "суть:3", "выжимк*:5", "тезис*:3", "основные мысли:3", "основные идеи:3",
                "обобщи:3", "конспект*:4", "резюмир*:5", "сократи:2", "изложи:1", "о чем:1"));
        LEXICONS.put(Domain.FACTUAL, new Lexicon(
                "who:1.5", "when:1.5", "where:1.5", "what is:1.5", "what are:1", "what year:3", "how many:1.5",
                "how far:2", "how old:2", "capital:3", "capital of:1", "population:3", "who wrote:3",
                "who invented:3", "who is:2", "who was:2", "when did:3", "when was:3", "tallest:2", "longest:2",
                "largest:2", "biggest:2", "highest:2", "how does:1.5", "how do:0.5", "why is:1.5",
                "difference between:1.5", "chemical:1", "formula:0.5", "symptoms:2", "causes:1", "mechanism:1",
                "define:2", "definition:2", "price:1", "news:2", "ceo:2", "president:1", "born:2",
                "invented:2", "boiling point:2", "explain:0.5", "what language:2", "history:1", "year:1",
                "consensus:1", "evidence:0.5", "what did:2", "according to:2.5",
                "кто:1.5", "когда:1.5", "где:1.5", "что такое:2.5", "кто такой:3", "кто такая:3", "сколько:1",
                "столиц*:3", "населени*:2", "самая:1", "самый:1", "как работает:2", "чем отличается:1",
                "отличается:1", "разница:1", "почему:0.5", "причины:1", "механизм*:1", "симптом*:2",
                "курс:1", "новост*:2", "температур*:1", "родил*:2", "изобрел*:2", "какая:0.5", "какой:0.5",
                "какие:0.5", "объясни:0.5", "сколько лет:1.5", "сколько километров:2"));
        LEXICONS.put(Domain.CHAT, new Lexicon(
                "hi:4", "hello:4", "hey:3", "good morning:4", "good night:4", "good evening:4", "thanks:4",
                "thank you:2", "how are you:4", "lol:3", "haha:3", "ok:2", "okay:2", "cool:2", "nice:2",
                "are you:2", "your name:3", "who are you:3", "what can you do:3", "feel*:2", "sad:2",
                "lonely:2", "anxious:2", "down today:2", "talk to me:3", "talk:1.5", "sorry:2", "can you help:1.5",
                "robot:2", "which model:2", "engaged:1", "try again:2", "bored:2", "entertain me:2",
                "what do you think:2", "do you like:2", "your day:2", "crying:2", "respects me:2",
                "привет*:4", "здравствуй*:4", "доброе утро:4", "добрый вечер:4", "спокойной ночи:4",
                "спасибо:4", "благодар*:2", "как дела:4", "как ты:2", "ахах*:3", "хаха*:3", "ок:2", "понял*:2",
                "круто:2", "ты:1", "тебя:1", "тебе:1", "у тебя:1", "ты кто:3", "кто ты:3", "что ты умеешь:3",
                "грустно:3", "тяжело:1.5", "поговори:3", "поболтаем:3", "поболтать:3", "скучно:2", "извини:2",
                "можешь помочь:2", "чувств*:1.5", "день рождения:1", "ты умнее:2", "как ты думаешь:2"));
    }

    private DomainCues() {
    }
}
