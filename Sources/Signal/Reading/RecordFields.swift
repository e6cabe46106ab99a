import WorkModel

/// The fields of one judgment as byte ranges into the file (or a worker's scratch copy when
/// the text had escapes), filled by a format scanner and stored by `ScanWorker.store`.
///
/// SAFETY: a field points into the input buffer (or the scan's `ScratchBuffer`) of the record being
/// read and is used only before the next record overwrites it.
struct ByteField {
    var start: UnsafeRawPointer?
    var length = 0
    /// `null` in JSON, an empty cell in CSV: present but without a value.
    var isNull = false

    var isPresent: Bool { start != nil && !isNull }
}

struct RecordFields {
    var item = ByteField()
    var reviewer = ByteField()
    var value = ByteField()
    var time = ByteField()
    var timeIsNumber = false
    var rubric = ByteField()
    var gold = ByteField()
    var optionA = ByteField()
    var optionB = ByteField()

    mutating func reset() { self = RecordFields() }
}
