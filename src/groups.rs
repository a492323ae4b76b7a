//! The groups of people the vans record, as one type. Counts, weights, minutes per person,
//! CSV columns, plan.json fields and every table of people iterate over [`Group::ALL`], so a
//! new group is one variant here (and its words in the message catalogue).

use std::fmt;
use std::ops::{Add, AddAssign, Index, IndexMut};

use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How many groups there are.
pub const COUNT: usize = 3;

/// A group of residents still without a KTP-el recording.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    /// Elderly residents (lansia).
    Elderly,
    /// Residents with disabilities.
    Disabled,
    /// Pupils turning 17 (pemula).
    NewEligible,
}

impl Group {
    /// Every group, in the order tables show them.
    pub const ALL: [Group; COUNT] = [Group::Elderly, Group::Disabled, Group::NewEligible];

    /// The key in files: CSV columns, TOML keys and plan.json fields.
    pub const fn key(self) -> &'static str {
        match self {
            Group::Elderly => "elderly",
            Group::Disabled => "disabled",
            Group::NewEligible => "new_eligible",
        }
    }

    /// The Indonesian column header that spreadsheets may use instead of [`Group::key`].
    pub const fn header_id(self) -> &'static str {
        match self {
            Group::Elderly => "lansia",
            Group::Disabled => "disabilitas",
            Group::NewEligible => "pemula",
        }
    }

    /// The group whose file key is `key`.
    pub fn from_key(key: &str) -> Option<Group> {
        Group::ALL.into_iter().find(|g| g.key() == key)
    }

    const fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Group {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// One value per group: people to record, weights, minutes per person.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct PerGroup<T>([T; COUNT]);

/// People per group.
pub type People = PerGroup<u32>;

impl<T> PerGroup<T> {
    /// The value of each group from `f`.
    pub fn from_fn(mut f: impl FnMut(Group) -> T) -> Self {
        PerGroup(Group::ALL.map(&mut f))
    }

    /// Each group with its value, in [`Group::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = (Group, &T)> {
        Group::ALL.into_iter().zip(self.0.iter())
    }

    pub fn map<U>(&self, mut f: impl FnMut(Group, &T) -> U) -> PerGroup<U> {
        PerGroup::from_fn(|g| f(g, &self[g]))
    }
}

impl<T> Index<Group> for PerGroup<T> {
    type Output = T;
    fn index(&self, group: Group) -> &T {
        &self.0[group.index()]
    }
}

impl<T> IndexMut<Group> for PerGroup<T> {
    fn index_mut(&mut self, group: Group) -> &mut T {
        &mut self.0[group.index()]
    }
}

impl<T: Copy + Add<Output = T>> Add for PerGroup<T> {
    type Output = Self;
    fn add(self, other: Self) -> Self {
        PerGroup::from_fn(|g| self[g] + other[g])
    }
}

impl<T: Copy + Add<Output = T>> AddAssign for PerGroup<T> {
    fn add_assign(&mut self, other: Self) {
        *self = *self + other;
    }
}

impl People {
    /// Everyone, all groups together.
    pub fn total(&self) -> u32 {
        self.0.iter().sum()
    }

    /// Everyone, summed without overflow (a count read from a file may be large).
    pub fn total_u64(&self) -> u64 {
        self.0.iter().map(|&n| u64::from(n)).sum()
    }

    /// Those left after `other` are taken away, group by group (none below zero).
    pub fn less(&self, other: &People) -> People {
        self.map(|g, &n| n.saturating_sub(other[g]))
    }

    /// `k` of these people (all of them when `k` is more), each group in proportion; the
    /// places that rounding leaves go to the groups with the largest remainders, in
    /// [`Group::ALL`] order on ties.
    pub fn portion(&self, k: u32) -> People {
        let total = u64::from(self.total());
        if u64::from(k) >= total {
            return *self;
        }
        let exact = |n: u32| u64::from(n) * u64::from(k);
        let mut taken = self.map(|_, &n| (exact(n) / total) as u32);
        let mut order: Vec<Group> = Group::ALL.to_vec();
        order.sort_by_key(|&g| std::cmp::Reverse(exact(self[g]) % total));
        let short = k - taken.total();
        for &g in order.iter().take(short as usize) {
            taken[g] += 1;
        }
        taken
    }
}

impl PerGroup<f64> {
    /// Σ value × people: the weighted value of `people`, or their minutes of recording.
    pub fn dot(&self, people: &People) -> f64 {
        self.iter().map(|(g, w)| w * f64::from(people[g])).sum()
    }
}

/// Per cent of `part` in `whole` (0 for an empty whole).
pub fn percent(part: u32, whole: u32) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * f64::from(part) / f64::from(whole)
    }
}

/// Written as an object with one field per group: `{"elderly": 3, "disabled": 1, ...}`.
impl<T: Serialize> Serialize for PerGroup<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(COUNT))?;
        for (group, value) in self.iter() {
            map.serialize_entry(group.key(), value)?;
        }
        map.end()
    }
}

/// Read from an object with one field per group; every group must be there, and nothing else.
impl<'de, T: Deserialize<'de>> Deserialize<'de> for PerGroup<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let values = deserializer.deserialize_map(GroupFields::<T>::default())?;
        if let Some(group) = Group::ALL.iter().find(|g| values[g.index()].is_none()) {
            return Err(de::Error::missing_field(group.key()));
        }
        Ok(PerGroup(
            values.map(|v| v.expect("every group was checked above")),
        ))
    }
}

/// Some groups, each optional: a scenario's `[weights]` or `per_person` names only the groups
/// it sets. Unknown and repeated keys are errors.
#[derive(Clone, Debug, PartialEq)]
pub struct SomeGroups<T>(pub PerGroup<Option<T>>);

impl<T> Default for SomeGroups<T> {
    fn default() -> Self {
        SomeGroups(PerGroup::from_fn(|_| None))
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for SomeGroups<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(SomeGroups(PerGroup(
            deserializer.deserialize_map(GroupFields::<T>::default())?,
        )))
    }
}

/// Reads an object whose keys are group keys, each at most once.
struct GroupFields<T>(std::marker::PhantomData<T>);

impl<T> Default for GroupFields<T> {
    fn default() -> Self {
        GroupFields(std::marker::PhantomData)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for GroupFields<T> {
    type Value = [Option<T>; COUNT];

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let keys = Group::ALL.map(Group::key);
        write!(f, "a table with the fields {}", keys.join(", "))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut values: [Option<T>; COUNT] = std::array::from_fn(|_| None);
        while let Some(key) = map.next_key::<String>()? {
            const KEYS: [&str; COUNT] = [
                Group::ALL[0].key(),
                Group::ALL[1].key(),
                Group::ALL[2].key(),
            ];
            let group =
                Group::from_key(&key).ok_or_else(|| de::Error::unknown_field(&key, &KEYS))?;
            if values[group.index()].is_some() {
                return Err(de::Error::duplicate_field(group.key()));
            }
            values[group.index()] = Some(map.next_value()?);
        }
        Ok(values)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        for g in Group::ALL {
            assert_eq!(Group::from_key(g.key()), Some(g));
        }
        assert_eq!(Group::from_key("pupils"), None);
    }

    #[test]
    fn a_portion_keeps_the_mix_and_never_takes_more_than_there_is() {
        let people = People::from_fn(|g| [7, 2, 0][g.index()]);
        assert_eq!(people.portion(3).0, [2, 1, 0]);
        assert_eq!(people.portion(0), People::default());
        assert_eq!(people.portion(100), people);
        for k in 0..=9 {
            let part = people.portion(k);
            assert_eq!(part.total(), k);
            assert!(Group::ALL.iter().all(|&g| part[g] <= people[g]));
            assert_eq!(people.less(&part).total(), 9 - k);
        }
    }

    #[test]
    fn counts_add_and_weigh() {
        let a = People::from_fn(|g| g as u32 + 1);
        let b = a + a;
        assert_eq!(b.total(), 12);
        let weights = PerGroup::from_fn(|g| if g == Group::Disabled { 5.0 } else { 1.0 });
        assert_eq!(weights.dot(&a), 1.0 + 10.0 + 3.0);
    }

    #[test]
    fn json_has_one_field_per_group_and_reads_back() {
        let people = People::from_fn(|g| 10 * (g as u32 + 1));
        let json = serde_json::to_string(&people).unwrap();
        assert_eq!(json, r#"{"elderly":10,"disabled":20,"new_eligible":30}"#);
        assert_eq!(serde_json::from_str::<People>(&json).unwrap(), people);
        for bad in [
            r#"{"elderly":1,"disabled":2}"#,
            r#"{"elderly":1,"disabled":2,"new_eligible":3,"pupils":4}"#,
            r#"{"elderly":1,"elderly":1,"disabled":2,"new_eligible":3}"#,
        ] {
            assert!(serde_json::from_str::<People>(bad).is_err(), "{bad}");
        }
    }
}
