public enum PPricing {}
