public enum PDecisionFiles {}
