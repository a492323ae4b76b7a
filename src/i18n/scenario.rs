//! Problems of a scenario (its TOML, its stops CSV, its values): what is wrong ([`Says`]) and
//! what to do about it ([`Fix`]).

use chrono::{Datelike, NaiveDate};

use super::{Lang, Message, Text};
use crate::reason::Why;

/// A van or a stop, as problems name them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Thing {
    #[default]
    Van,
    Stop,
    Scenario,
}

impl Thing {
    fn word(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Thing::Van, Lang::En) => "van",
            (Thing::Van, Lang::Id) => "mobil",
            (Thing::Stop, Lang::En) => "stop",
            (Thing::Stop, Lang::Id) => "titik layanan",
            (Thing::Scenario, Lang::En) => "scenario",
            (Thing::Scenario, Lang::Id) => "skenario",
        }
    }
}

/// A number as the scenario could have written it: `1e308`, not its 309 digits.
fn number(x: f64) -> String {
    if x.abs() >= 1e15 {
        format!("{x:e}")
    } else {
        x.to_string()
    }
}

/// What is wrong with a scenario.
#[derive(Clone, Debug, PartialEq, strum::EnumIter)]
pub enum Says {
    /// `what`: a value that does not parse, with the parser's words.
    Value {
        what: String,
        error: Text,
    },
    NotCoordinate {
        what: String,
        lat: f64,
        lon: f64,
    },
    NoName,
    NotMonday {
        date: NaiveDate,
    },
    NotADate {
        text: String,
    },
    NoWeekStart,
    NoDepotLocation,
    NoDepot,
    BadWeight {
        group: String,
        value: f64,
    },
    NoHours {
        date: NaiveDate,
    },
    StopsFileUnreadable {
        error: String,
    },
    RequestsFileUnreadable {
        error: String,
    },
    NoMap,
    UnknownTravel {
        travel: String,
    },
    BreakOutsideShift {
        rest: String,
        shift: String,
    },
    BreaksOverlap {
        days: String,
    },
    TwoHourEntries {
        day: String,
    },
    TooFewSets {
        van: String,
        sets: i64,
    },
    NegativeCards {
        van: String,
        cards: i64,
    },
    NoVans,
    NoStops,
    VanUnknownEquipment {
        van: String,
        tag: String,
    },
    StopUnknownEquipment {
        stop: String,
        tag: String,
    },
    WindowShorterThanVisit {
        stop: String,
        window: String,
        home_visit: bool,
        minutes: f64,
    },
    NoWorkingDay {
        stop: String,
        days: String,
    },
    SameName {
        thing: Thing,
        name: String,
        first: Option<String>,
    },
    MandatoryUnservable {
        stop: String,
        why: Why,
    },
    UnknownColumn {
        column: String,
    },
    MissingColumn {
        column: String,
    },
    UnreadableRow {
        error: String,
    },
    EmptyCell,
    CellNotCoordinate {
        lat: f64,
        lon: f64,
    },
    /// Column `column`: a cell that does not parse.
    Cell {
        column: String,
        error: Text,
    },
    NotANumber {
        text: String,
    },
    NotACount {
        text: String,
    },
    NotYesNo {
        text: String,
    },
    /// A TOML error at `at`, with what is wrong and the fix, as one message.
    Toml {
        at: String,
        message: Text,
        fix: Text,
    },
    UnknownKey {
        key: String,
    },
    ExpectedText,
    MissingKey {
        key: String,
    },
    /// The TOML reader's own words for a value of the wrong form.
    WrongForm {
        message: String,
    },
    /// The TOML reader's own words for broken syntax.
    BadToml {
        message: String,
    },
    ExtendsLoop {
        file: String,
    },
    CannotRead {
        file: String,
    },
    NotATime {
        text: String,
    },
    NotAnInterval {
        text: String,
    },
    EndsBeforeStart {
        text: String,
    },
    IntervalsOverlap {
        text: String,
    },
    NotADuration {
        text: String,
    },
    NotAWeekday {
        name: String,
    },
    RangeBackwards {
        range: String,
    },
    NoWeekdayNamed {
        text: String,
    },
    /// The lead of a list of problems.
    Count {
        problems: usize,
    },
    /// `time_limit` or `--time-limit` (`setting`) out of range.
    TimeLimit {
        given: String,
    },
    /// A duration longer than a day (inside a `Value`).
    LongerThanADay {
        text: String,
    },
    /// Two vans whose names make the same GPX file name.
    SameFileName {
        first: String,
        second: String,
        file: String,
    },
    NameTooLong {
        thing: Thing,
        start: String,
        chars: usize,
        max: usize,
    },
    BadDetour {
        value: f64,
    },
    BadSpeed {
        value: f64,
    },
    TooManySets {
        van: String,
        sets: i64,
        max: u32,
    },
    TooManyCards {
        van: String,
        cards: i64,
        max: u32,
    },
    TooManyPeople {
        stop: String,
        people: u64,
        max: u64,
    },
    TooManyStops {
        stops: usize,
        max: usize,
    },
    TooManyParts {
        stop: String,
        parts: u64,
        max: usize,
    },
    TooManyVisits {
        visits: usize,
        max: usize,
    },
    BoundariesUnreadable {
        error: String,
    },
    NotAWorkingDate {
        what: String,
        date: NaiveDate,
    },
    UnknownVan {
        van: String,
    },
    UnknownStop {
        stop: String,
    },
}

impl Message for Says {
    fn en(&self) -> String {
        use Says::*;
        match self {
            Value { what, error } => format!("{what}: {}", error.en),
            NotCoordinate { what, lat, lon } => {
                format!("{what}: [{lat}, {lon}] is not a [lat, lon] coordinate")
            }
            NoName => "the scenario has no `name`".into(),
            NotMonday { date } => format!(
                "week_start {date} is a {}, not a Monday",
                Lang::En.weekday(date.weekday())
            ),
            NotADate { text } => format!("week_start `{text}` is not a date"),
            NoWeekStart => "the scenario has no `week_start`".into(),
            NoDepotLocation => "the depot has no `location`".into(),
            NoDepot => "the scenario has no [depot]".into(),
            BadWeight { group, value } => format!("weight of {group} is {}", number(*value)),
            NoHours { date } => format!(
                "{} ({date}) is a working day but has no hours",
                Lang::En.weekday(date.weekday())
            ),
            StopsFileUnreadable { error } => format!("the stops file cannot be read: {error}"),
            RequestsFileUnreadable { error } => {
                format!("the requests file cannot be read: {error}")
            }
            NoMap => "no road map: `map` is not set".into(),
            UnknownTravel { travel } => format!("travel = \"{travel}\" is not known"),
            BreakOutsideShift { rest, shift } => {
                format!("the break {rest} lies outside the shift {shift}")
            }
            BreaksOverlap { days } => format!("the breaks of `{days}` overlap"),
            TwoHourEntries { day } => format!("{day} has hours in two entries"),
            TooFewSets { van, sets } => format!("van `{van}` has {sets} recording sets"),
            NegativeCards { van, cards } => format!("van `{van}` has {cards} blank cards"),
            NoVans => "the scenario has no vans".into(),
            NoStops => "the scenario has no stops".into(),
            VanUnknownEquipment { van, tag } => {
                format!("van `{van}` carries unknown equipment `{tag}`")
            }
            StopUnknownEquipment { stop, tag } => {
                format!("stop `{stop}` requires unknown equipment `{tag}`")
            }
            WindowShorterThanVisit {
                stop,
                window,
                home_visit,
                minutes,
            } => format!(
                "stop `{stop}`: its window {window} is shorter than the {} of {minutes} min",
                if *home_visit { "home visit" } else { "setup" }
            ),
            NoWorkingDay { stop, days } => {
                format!("stop `{stop}` allows only {days}, none of them a working day")
            }
            SameName { thing, name, first } => format!(
                "two {}s are named `{name}`{}",
                thing.word(Lang::En),
                first
                    .as_ref()
                    .map(|at| format!(" (first at {at})"))
                    .unwrap_or_default()
            ),
            MandatoryUnservable { stop, why } => format!(
                "mandatory stop `{stop}` cannot be served by any van: {}",
                Lang::En.why(why)
            ),
            UnknownColumn { column } => format!("unknown column `{column}`"),
            MissingColumn { column } => format!("the header has no `{column}` column"),
            UnreadableRow { error } => format!("unreadable row: {error}"),
            EmptyCell => "empty".into(),
            CellNotCoordinate { lat, lon } => format!("[{lat}, {lon}] is not a coordinate"),
            Cell { column, error } => format!("column `{column}`: {}", error.en),
            NotANumber { text } => format!("`{text}` is not a number"),
            NotACount { text } => format!("`{text}` is not a whole number of people"),
            NotYesNo { text } => format!("`{text}` is not yes/no"),
            Toml { at, message, fix } => format!("{at}{}\n    fix: {}", message.en, fix.en),
            UnknownKey { key } => format!("unknown key `{key}`"),
            ExpectedText => "expected a text or a list of texts".into(),
            MissingKey { key } => format!("`{key}` is missing"),
            WrongForm { message } => format!("a value of the wrong form ({message})"),
            BadToml { message } => format!("invalid TOML ({message})"),
            ExtendsLoop { file } => {
                format!("{file}: `extends` loops back to this file; remove the cycle")
            }
            CannotRead { file } => format!("cannot read scenario {file}"),
            NotATime { text } => {
                format!(
                    "`{text}` is not a time of day; write it as HH:MM, e.g. \"07:30\" or \"07.30\""
                )
            }
            NotAnInterval { text } => format!(
                "`{text}` is not a time interval; write it as \"HH:MM-HH:MM\", e.g. \"07:30-12:00\""
            ),
            EndsBeforeStart { text } => {
                format!("`{text}` ends before it starts; write the earlier time first")
            }
            IntervalsOverlap { text } => {
                format!("the intervals in `{text}` overlap; merge them into one")
            }
            NotADuration { text } => format!(
                "`{text}` is not a duration; write a number with a unit: \"20min\", \"1h30min\", \"20s\""
            ),
            NotAWeekday { name } => format!(
                "`{name}` is not a weekday; use mon, tue, wed, thu, fri, sat, sun (or Senin to Minggu) or a range like mon-thu"
            ),
            RangeBackwards { range } => {
                format!("the range `{range}` runs backwards; write it as the earlier day first")
            }
            NoWeekdayNamed { text } => format!("`{text}` names no weekday"),
            Count { problems } => format!(
                "{problems} problem{} in the scenario:",
                if *problems == 1 { "" } else { "s" }
            ),
            TimeLimit { given } => {
                format!("time limit `{given}` is not a time above 0 s and at most 24 h (86400 s)")
            }
            LongerThanADay { text } => format!("`{text}` is longer than a day (24h)"),
            SameFileName {
                first,
                second,
                file,
            } => format!(
                "vans `{first}` and `{second}` would share the GPX file name `{file}-<date>.gpx`, \
                 so one van's routes would overwrite the other's"
            ),
            NameTooLong {
                thing,
                start,
                chars,
                max,
            } => format!(
                "the {} name `{start}…` has {chars} characters, more than {max}",
                thing.word(Lang::En)
            ),
            BadDetour { value } => format!(
                "straight_line.detour is {}: roads are never shorter than the straight line",
                number(*value)
            ),
            BadSpeed { value } => {
                format!("straight_line.speed_kmh is {} km/h", number(*value))
            }
            TooManySets { van, sets, max } => {
                format!("van `{van}` has {sets} recording sets, more than {max}")
            }
            TooManyCards { van, cards, max } => {
                format!("van `{van}` has {cards} blank cards a day, more than {max}")
            }
            TooManyPeople { stop, people, max } => {
                format!("stop `{stop}` has {people} people, more than {max}")
            }
            TooManyStops { stops, max } => {
                format!("the scenario has {stops} stops, more than {max}")
            }
            TooManyParts { stop, parts, max } => format!(
                "stop `{stop}` is too big for its window: it would be split into {parts} visits, \
                 more than {max}"
            ),
            TooManyVisits { visits, max } => format!(
                "the stops need {visits} visits after splitting the big ones, more than {max}"
            ),
            BoundariesUnreadable { error } => {
                format!("the boundaries file cannot be drawn: {error}")
            }
            NotAWorkingDate { what, date } => {
                format!("{what}: {date} is not a working day of this week")
            }
            UnknownVan { van } => format!("no van is named `{van}`"),
            UnknownStop { stop } => format!("no stop is named `{stop}`"),
        }
    }

    fn id(&self) -> String {
        use Says::*;
        let id = Lang::Id;
        match self {
            Value { what, error } => format!("{what}: {}", error.id),
            NotCoordinate { what, lat, lon } => {
                format!("{what}: [{lat}, {lon}] bukan koordinat [lintang, bujur]")
            }
            NoName => "skenario tidak memiliki `name`".into(),
            NotMonday { date } => format!(
                "week_start {date} jatuh pada hari {}, bukan Senin",
                id.weekday(date.weekday())
            ),
            NotADate { text } => format!("week_start `{text}` bukan tanggal"),
            NoWeekStart => "skenario tidak memiliki `week_start`".into(),
            NoDepotLocation => "kantor (depo) tidak memiliki `location`".into(),
            NoDepot => "skenario tidak memiliki [depot]".into(),
            BadWeight { group, value } => format!("bobot {group} bernilai {}", number(*value)),
            NoHours { date } => format!(
                "{} ({date}) adalah hari kerja tetapi tidak memiliki jam kerja",
                id.weekday(date.weekday())
            ),
            RequestsFileUnreadable { error } => {
                format!("berkas permohonan tidak dapat dibaca: {error}")
            }
            StopsFileUnreadable { error } => {
                format!("berkas titik layanan tidak dapat dibaca: {error}")
            }
            NoMap => "tidak ada peta jalan: `map` belum diisi".into(),
            UnknownTravel { travel } => format!("travel = \"{travel}\" tidak dikenal"),
            BreakOutsideShift { rest, shift } => {
                format!("istirahat {rest} berada di luar jam kerja {shift}")
            }
            BreaksOverlap { days } => format!("istirahat pada `{days}` bertumpang tindih"),
            TwoHourEntries { day } => format!("{day} memiliki jam kerja di dua entri"),
            TooFewSets { van, sets } => format!("mobil `{van}` memiliki {sets} set perekaman"),
            NegativeCards { van, cards } => format!("mobil `{van}` memiliki {cards} blangko"),
            NoVans => "skenario tidak memiliki mobil".into(),
            NoStops => "skenario tidak memiliki titik layanan".into(),
            VanUnknownEquipment { van, tag } => {
                format!("mobil `{van}` membawa peralatan `{tag}` yang tidak dikenal")
            }
            StopUnknownEquipment { stop, tag } => {
                format!("titik `{stop}` memerlukan peralatan `{tag}` yang tidak dikenal")
            }
            WindowShorterThanVisit {
                stop,
                window,
                home_visit,
                minutes,
            } => format!(
                "titik `{stop}`: jam layanannya {window} lebih pendek dari {} selama {minutes} menit",
                if *home_visit {
                    "kunjungan rumah"
                } else {
                    "persiapan"
                }
            ),
            NoWorkingDay { stop, days } => {
                format!("titik `{stop}` hanya boleh pada {days}, tidak satu pun hari kerja")
            }
            SameName { thing, name, first } => format!(
                "dua {} bernama `{name}`{}",
                thing.word(id),
                first
                    .as_ref()
                    .map(|at| format!(" (yang pertama di {at})"))
                    .unwrap_or_default()
            ),
            MandatoryUnservable { stop, why } => format!(
                "titik wajib `{stop}` tidak dapat dilayani mobil mana pun: {}",
                id.why(why)
            ),
            UnknownColumn { column } => format!("kolom `{column}` tidak dikenal"),
            MissingColumn { column } => format!("baris judul tidak memiliki kolom `{column}`"),
            UnreadableRow { error } => format!("baris tidak dapat dibaca: {error}"),
            EmptyCell => "kosong".into(),
            CellNotCoordinate { lat, lon } => format!("[{lat}, {lon}] bukan koordinat"),
            Cell { column, error } => format!("kolom `{column}`: {}", error.id),
            NotANumber { text } => format!("`{text}` bukan angka"),
            NotACount { text } => format!("`{text}` bukan jumlah orang (bilangan bulat)"),
            NotYesNo { text } => format!("`{text}` bukan ya/tidak"),
            Toml { at, message, fix } => {
                format!("{at}{}\n    perbaiki: {}", message.id, fix.id)
            }
            UnknownKey { key } => format!("kunci `{key}` tidak dikenal"),
            ExpectedText => "seharusnya teks atau daftar teks".into(),
            MissingKey { key } => format!("`{key}` tidak ada"),
            WrongForm { message } => format!("nilai tidak berbentuk yang diharapkan ({message})"),
            BadToml { message } => format!("TOML tidak sah ({message})"),
            ExtendsLoop { file } => {
                format!("{file}: `extends` kembali ke berkas ini; putuskan lingkarannya")
            }
            CannotRead { file } => format!("skenario {file} tidak dapat dibaca"),
            NotATime { text } => {
                format!(
                    "`{text}` bukan jam; tulis sebagai JJ.MM, misalnya \"07.30\" atau \"07:30\""
                )
            }
            NotAnInterval { text } => format!(
                "`{text}` bukan rentang jam; tulis sebagai \"JJ:MM-JJ:MM\", misalnya \"07:30-12:00\""
            ),
            EndsBeforeStart { text } => {
                format!("`{text}` berakhir sebelum mulai; tulis jam yang lebih awal dulu")
            }
            IntervalsOverlap { text } => {
                format!("rentang jam dalam `{text}` bertumpang tindih; gabungkan menjadi satu")
            }
            NotADuration { text } => format!(
                "`{text}` bukan lama waktu; tulis angka dengan satuan: \"20min\", \"1h30min\", \"20s\""
            ),
            NotAWeekday { name } => format!(
                "`{name}` bukan nama hari; pakai Senin, Selasa, Rabu, Kamis, Jumat, Sabtu, Minggu (atau mon sampai sun) atau rentang seperti Senin-Kamis"
            ),
            RangeBackwards { range } => {
                format!("rentang `{range}` terbalik; tulis hari yang lebih awal dulu")
            }
            NoWeekdayNamed { text } => format!("`{text}` tidak menyebut satu hari pun"),
            Count { problems } => format!("{problems} masalah dalam skenario:"),
            TimeLimit { given } => format!(
                "batas waktu `{given}` bukan waktu di atas 0 detik dan paling lama 24 jam (86400 detik)"
            ),
            LongerThanADay { text } => format!("`{text}` lebih lama dari sehari (24 jam)"),
            SameFileName {
                first,
                second,
                file,
            } => format!(
                "mobil `{first}` dan `{second}` akan memakai nama berkas GPX yang sama \
                 `{file}-<tanggal>.gpx`, sehingga rute mobil yang satu menimpa rute mobil lainnya"
            ),
            NameTooLong {
                thing,
                start,
                chars,
                max,
            } => format!(
                "nama {} `{start}…` terdiri atas {chars} karakter, lebih dari {max}",
                thing.word(id)
            ),
            BadDetour { value } => format!(
                "straight_line.detour bernilai {}: jalan tidak pernah lebih pendek dari garis lurus",
                number(*value)
            ),
            BadSpeed { value } => {
                format!("straight_line.speed_kmh bernilai {} km/jam", number(*value))
            }
            TooManySets { van, sets, max } => {
                format!("mobil `{van}` memiliki {sets} set perekaman, lebih dari {max}")
            }
            TooManyCards { van, cards, max } => {
                format!("mobil `{van}` memiliki {cards} blangko per hari, lebih dari {max}")
            }
            TooManyPeople { stop, people, max } => {
                format!("titik `{stop}` memiliki {people} orang, lebih dari {max}")
            }
            TooManyStops { stops, max } => {
                format!("skenario memiliki {stops} titik layanan, lebih dari {max}")
            }
            TooManyParts { stop, parts, max } => format!(
                "titik `{stop}` terlalu besar untuk jam layanannya: titik itu akan dibagi menjadi \
                 {parts} kunjungan, lebih dari {max}"
            ),
            TooManyVisits { visits, max } => format!(
                "titik-titik layanan memerlukan {visits} kunjungan setelah titik besar dibagi, \
                 lebih dari {max}"
            ),
            BoundariesUnreadable { error } => {
                format!("berkas batas wilayah tidak dapat digambar: {error}")
            }
            NotAWorkingDate { what, date } => format!(
                "{what}: {} bukan hari kerja minggu ini",
                id.date_long(*date)
            ),
            UnknownVan { van } => format!("tidak ada mobil bernama `{van}`"),
            UnknownStop { stop } => format!("tidak ada titik layanan bernama `{stop}`"),
        }
    }
}

/// What to do about a problem.
#[derive(Clone, Debug, PartialEq, strum::EnumIter)]
pub enum Fix {
    CorrectValue,
    WriteLocation,
    AddName,
    StartOnMonday { monday: NaiveDate },
    WriteDate,
    AddWeekStart,
    AddDepotLocation,
    AddDepot,
    WeightRange { max: f64 },
    AddHours { day: String },
    CheckPath,
    AddMap,
    UseKnownTravel,
    MoveBreak,
    MergeBreaks,
    OneEntryPerDay,
    AtLeastOneSet,
    ZeroOrMore,
    AddVan,
    AddStops,
    UseDeclaredEquipment { known: String, tag: String },
    UseCarriedEquipment { known: String, tag: String },
    WidenWindow,
    AllowWorkingDay,
    OwnName { thing: Thing },
    MakeOptional,
    DidYouMean { best: String },
    RemoveOrUse { known: String },
    RemoveKey,
    WriteTextList,
    AddKey { key: String },
    WriteValueForm,
    CorrectToml,
    AddColumn { column: String },
    SameCellCount,
    NameEveryStop,
    WriteDegrees,
    WriteWeekdays,
    WriteWindows,
    WriteDecimal,
    WriteCount,
    WriteYesNo,
    TimeLimitRange,
    DifferentVanNames,
    ShortenName { max: usize },
    DetourRange,
    SpeedRange,
    FewerSets { max: u32 },
    FewerCards { max: u32 },
    SplitStop { max: u64 },
    FewerStops { max: usize },
    SmallerStop,
    FewerVisits,
    CheckBoundaries,
    UseWorkingDate { first: NaiveDate, last: NaiveDate },
    UseKnownName { known: String },
    NameAStop,
}

impl Message for Fix {
    fn en(&self) -> String {
        use Fix::*;
        match self {
            CorrectValue => "correct the value".into(),
            WriteLocation => "write the location as [latitude, longitude] in degrees".into(),
            AddName => "add `name = \"...\"` at the top".into(),
            StartOnMonday { monday } => format!("start the week on Monday {monday}"),
            WriteDate => "write a date like 2026-12-07".into(),
            AddWeekStart => "add `week_start = 2026-12-07` (a Monday)".into(),
            AddDepotLocation => "add `location = [lat, lon]` under [depot]".into(),
            AddDepot => "add [depot] with name and location = [lat, lon]".into(),
            WeightRange { max } => format!("use a weight from 0 to {max}"),
            AddHours { day } => {
                format!("add `{day} = {{ shift = \"07:30-15:30\" }}` under [hours]")
            }
            CheckPath => "check the path; it is relative to the scenario file".into(),
            AddMap => "add `map = \"path/to/map.osm.pbf\"`, or `travel = \"straight-line\"` for the fallback".into(),
            UseKnownTravel => {
                "use travel = \"roads\" (with `map`) or travel = \"straight-line\"".into()
            }
            MoveBreak => "move the break inside the shift".into(),
            MergeBreaks => "merge overlapping breaks into one".into(),
            OneEntryPerDay => "give each weekday one entry".into(),
            AtLeastOneSet => "give every van at least 1 recording set, or remove the van".into(),
            ZeroOrMore => "use 0 or more".into(),
            AddVan => "add a [[van]] with name and recording_sets".into(),
            AddStops => "add [[stop]] entries or [stops] csv = \"file.csv\"".into(),
            UseDeclaredEquipment { known, tag } => {
                format!("use one of {known}, or add `{tag}` to `equipment`")
            }
            UseCarriedEquipment { known, tag } => {
                format!("use equipment a van carries ({known}), or give a van `{tag}`")
            }
            WidenWindow => "widen the window".into(),
            AllowWorkingDay => "allow a working day, or add the day to working_days".into(),
            OwnName { thing } => format!("give each {} its own name", thing.word(Lang::En)),
            MakeOptional => "make it optional, or change the vans, hours or window so that one van can serve it".into(),
            DidYouMean { best } => format!("did you mean `{best}`?"),
            RemoveOrUse { known } => format!("remove it, or use one of: {known}"),
            RemoveKey => "remove this key".into(),
            WriteTextList => "write e.g. \"mon-thu\" or [\"mon\", \"wed\"]".into(),
            AddKey { key } => format!("add `{key} = ...` to this table"),
            WriteValueForm => "write the value in the form the scenario README shows".into(),
            CorrectToml => "correct the TOML syntax here".into(),
            AddColumn { column } => format!("add a `{column}` column"),
            SameCellCount => "give every row as many cells as the header".into(),
            NameEveryStop => "give every stop a name".into(),
            WriteDegrees => "write latitude and longitude in degrees".into(),
            WriteWeekdays => "write weekdays like mon-thu, mon;wed or Senin-Kamis".into(),
            WriteWindows => "write windows like 07:30-12:00 or 08:00-11:00;13:00-15:00".into(),
            WriteDecimal => {
                "write a decimal number like -7.652 (or -7,652), without thousands separators"
                    .into()
            }
            WriteCount => "write a count like 12 (or leave it empty for 0)".into(),
            TimeLimitRange => "give the search some time, at most 24 hours (\"10s\" in a \
                scenario, 10 after --time-limit); for the first plan with no search at all, set \
                the iteration budget to 0 (iterations = 0, or --iterations 0)"
                .into(),
            DifferentVanNames => "give the vans names that differ in their letters or digits, \
                not only in capitals, spaces or punctuation"
                .into(),
            ShortenName { max } => format!("shorten it to at most {max} characters"),
            DetourRange => "use a detour factor from 1 to 10 (1.4 is typical)".into(),
            SpeedRange => "use a speed from 1 to 150 km/h (30 is typical)".into(),
            FewerSets { max } => format!("give the van at most {max} sets"),
            FewerCards { max } => format!("give the van at most {max} blank cards a day"),
            SplitStop { max } => {
                format!("split it into several stops of at most {max} people each")
            }
            FewerStops { max } => {
                format!("plan at most {max} stops at once, e.g. one kecamatan at a time")
            }
            SmallerStop => "split it into smaller stops, or give it a longer window".into(),
            FewerVisits => "plan fewer or smaller stops at once".into(),
            CheckBoundaries => "check the path (relative to the scenario file) and that it is \
                GeoJSON with Polygon or MultiPolygon features, or remove `boundaries`"
                .into(),
            WriteYesNo => "write yes or no (or ya/tidak, 1/0)".into(),
            UseWorkingDate { first, last } => {
                format!("use a working day from {first} to {last}")
            }
            UseKnownName { known } => format!("use one of: {known}"),
            NameAStop => "use the name of a stop of the scenario (its CSV or a [[stop]])".into(),
        }
    }

    fn id(&self) -> String {
        use Fix::*;
        match self {
            CorrectValue => "perbaiki nilainya".into(),
            WriteLocation => "tulis lokasi sebagai [lintang, bujur] dalam derajat".into(),
            AddName => "tambahkan `name = \"...\"` di bagian atas".into(),
            StartOnMonday { monday } => format!(
                "mulai minggu pada hari Senin {monday} ({})",
                Lang::Id.date_long(*monday)
            ),
            WriteDate => "tulis tanggal seperti 2026-12-07".into(),
            AddWeekStart => "tambahkan `week_start = 2026-12-07` (hari Senin)".into(),
            AddDepotLocation => "tambahkan `location = [lintang, bujur]` di bawah [depot]".into(),
            AddDepot => "tambahkan [depot] dengan name dan location = [lintang, bujur]".into(),
            WeightRange { max } => format!("pakai bobot dari 0 sampai {max}"),
            AddHours { day } => {
                format!("tambahkan `{day} = {{ shift = \"07:30-15:30\" }}` di bawah [hours]")
            }
            CheckPath => "periksa jalurnya; jalur itu relatif terhadap berkas skenario".into(),
            AddMap => "tambahkan `map = \"path/to/map.osm.pbf\"`, atau `travel = \"straight-line\"` sebagai cadangan".into(),
            UseKnownTravel => {
                "pakai travel = \"roads\" (dengan `map`) atau travel = \"straight-line\"".into()
            }
            MoveBreak => "pindahkan istirahat ke dalam jam kerja".into(),
            MergeBreaks => "gabungkan istirahat yang bertumpang tindih menjadi satu".into(),
            OneEntryPerDay => "beri setiap hari satu entri".into(),
            AtLeastOneSet => {
                "beri setiap mobil paling sedikit 1 set perekaman, atau hapus mobil itu".into()
            }
            ZeroOrMore => "pakai 0 atau lebih".into(),
            AddVan => "tambahkan [[van]] dengan name dan recording_sets".into(),
            AddStops => "tambahkan entri [[stop]] atau [stops] csv = \"file.csv\"".into(),
            UseDeclaredEquipment { known, tag } => {
                format!("pakai salah satu dari {known}, atau tambahkan `{tag}` ke `equipment`")
            }
            UseCarriedEquipment { known, tag } => format!(
                "pakai peralatan yang dibawa sebuah mobil ({known}), atau beri sebuah mobil `{tag}`"
            ),
            WidenWindow => "perlebar jam layanannya".into(),
            AllowWorkingDay => {
                "izinkan sebuah hari kerja, atau tambahkan hari itu ke working_days".into()
            }
            OwnName { thing } => format!("beri setiap {} nama sendiri", thing.word(Lang::Id)),
            MakeOptional => "jadikan tidak wajib, atau ubah mobil, jam kerja atau jam layanannya agar satu mobil dapat melayaninya".into(),
            DidYouMean { best } => format!("maksudnya `{best}`?"),
            RemoveOrUse { known } => format!("hapus, atau pakai salah satu dari: {known}"),
            RemoveKey => "hapus kunci ini".into(),
            WriteTextList => "tulis misalnya \"mon-thu\" atau [\"mon\", \"wed\"]".into(),
            AddKey { key } => format!("tambahkan `{key} = ...` ke tabel ini"),
            WriteValueForm => "tulis nilai dalam bentuk yang ditunjukkan README skenario".into(),
            CorrectToml => "perbaiki penulisan TOML di sini".into(),
            AddColumn { column } => format!("tambahkan kolom `{column}`"),
            SameCellCount => "beri setiap baris sel sebanyak baris judul".into(),
            NameEveryStop => "beri setiap titik sebuah nama".into(),
            WriteDegrees => "tulis lintang dan bujur dalam derajat".into(),
            WriteWeekdays => "tulis hari seperti Senin-Kamis atau Senin;Rabu".into(),
            WriteWindows => {
                "tulis jam layanan seperti 07.30-12.00 atau 08.00-11.00;13.00-15.00".into()
            }
            WriteDecimal => "tulis angka desimal seperti -7,652 (atau -7.652), tanpa pemisah ribuan".into(),
            WriteCount => "tulis jumlah seperti 12 (atau kosongkan untuk 0)".into(),
            WriteYesNo => "tulis ya atau tidak (atau yes/no, 1/0)".into(),
            TimeLimitRange => "beri pencarian sedikit waktu, paling lama 24 jam (\"10s\" dalam \
                skenario, 10 sesudah --time-limit); untuk rencana pertama tanpa pencarian sama \
                sekali, jadikan anggaran iterasi 0 (iterations = 0, atau --iterations 0)"
                .into(),
            DifferentVanNames => "beri mobil-mobil nama yang berbeda huruf atau angkanya, \
                bukan hanya huruf besar, spasi atau tanda bacanya"
                .into(),
            ShortenName { max } => format!("pendekkan menjadi paling banyak {max} karakter"),
            DetourRange => "pakai faktor jalan memutar dari 1 sampai 10 (biasanya 1,4)".into(),
            SpeedRange => "pakai kecepatan dari 1 sampai 150 km/jam (biasanya 30)".into(),
            FewerSets { max } => format!("beri mobil itu paling banyak {max} set"),
            FewerCards { max } => format!("beri mobil itu paling banyak {max} blangko per hari"),
            SplitStop { max } => {
                format!("bagi menjadi beberapa titik yang masing-masing paling banyak {max} orang")
            }
            FewerStops { max } => format!(
                "rencanakan paling banyak {max} titik sekaligus, misalnya satu kecamatan setiap kali"
            ),
            SmallerStop => {
                "bagi menjadi titik-titik yang lebih kecil, atau beri jam layanan yang lebih panjang"
                    .into()
            }
            FewerVisits => "rencanakan titik yang lebih sedikit atau lebih kecil sekaligus".into(),
            CheckBoundaries => "periksa jalurnya (relatif terhadap berkas skenario) dan bahwa \
                berkas itu GeoJSON berisi fitur Polygon atau MultiPolygon, atau hapus `boundaries`"
                .into(),
            UseWorkingDate { first, last } => format!(
                "pakai hari kerja dari {} sampai {}",
                Lang::Id.date_long(*first),
                Lang::Id.date_long(*last)
            ),
            UseKnownName { known } => format!("pakai salah satu dari: {known}"),
            NameAStop => {
                "pakai nama titik layanan dari skenario (CSV-nya atau [[stop]])".into()
            }
        }
    }
}
