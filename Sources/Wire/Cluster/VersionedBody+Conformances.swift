// The lead's body types already carry "v"; declaring it lets JSONWire check it.
extension ProgressUpdate: VersionedBody {}
extension TaskCompletion: VersionedBody {}
extension TaskAssignment: VersionedBody {}
