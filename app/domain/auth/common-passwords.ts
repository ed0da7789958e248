/**
 * Common passwords refused at every password change (§9): leaked-list favourites,
 * keyboard walks, dates and the demo's own password, lower-cased. Only those of 8 or more
 * characters are listed, shorter ones fail the length rule first.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  "!qaz2wsx", "00000000", "01010101", "0987654321", "10101010", "11111111", "11112222", "11223344",
  "12121212", "12312312", "123123123", "123321123", "12341234", "12344321", "12345678", "123456789",
  "1234567890", "12345678910", "123456789a", "123456789q", "123456abc", "123456qwe", "1234qwer", "123qweasd",
  "12qwaszx", "13131313", "13145201314", "1314520520", "147258369", "147852369", "159357456", "19491001",
  "1a2b3c4d", "1q2w3e4r", "1q2w3e4r5t", "1qaz!qaz", "1qaz2wsx", "1qaz@wsx", "1qazxsw2", "20082008",
  "20102010", "20202020", "20212021", "20222022", "20232023", "20242024", "20252025", "20262026", "22222222",
  "33333333", "520131400", "5201314520", "5211314a", "55555555", "66666666", "666666666", "741852963",
  "77777777", "87654321", "88888888", "888888888", "963852741", "98765432", "987654321", "99999999",
  "a1234567", "a12345678", "a123456789", "a1b2c3d4", "a1s2d3f4", "a5201314", "aa123456", "aa12345678",
  "aaa12345", "aaaaaaaa", "abc12345", "abc123456", "abc123abc", "abcd1234", "abcdefg1", "abcdefgh",
  "admin123", "admin1234", "admin888", "administrator", "aini1314", "asd123456", "asdasdasd", "asdf1234",
  "asdfghjk", "asdfghjkl", "baseball", "batman123", "beijing123", "changeme", "changeme1", "charlie1",
  "chen123456", "china123", "computer", "default1", "demo2026", "demo@2026", "dragon123", "football",
  "freedom1", "guest123", "hello123", "hello1234", "helloworld", "iloveu123", "iloveyou", "iloveyou1",
  "iloveyou520", "internet", "jennifer", "jiangxi123", "killer123", "letmein1", "li123456", "liu123456",
  "login123", "lovelove", "master123", "michael1", "monkey123", "nanchang123", "p@ssw0rd", "p@ssword",
  "pa55word", "parkbridge", "passw0rd", "password", "password!", "password1", "password12", "password123",
  "passwordpassword", "princess", "q1w2e3r4", "qazwsxedc", "qq123456", "qq1234567", "qq123456789",
  "qweasd123", "qweasdzxc", "qweqweqwe", "qwer1234", "qwerty12", "qwerty123", "qwerty1234", "qwertyui",
  "qwertyuiop", "root1234", "secret123", "shadow123", "shanghai123", "starwars", "sunshine", "superman",
  "test1234", "test12345", "testtest", "trustno1", "user1234", "wang1234", "welcome1", "welcome123",
  "whatever", "woaini123", "woaini1314", "woaini520", "woaiwojia", "woshishui", "yuanxiaotong", "z1x2c3v4",
  "zaq12wsx", "zhang123", "zhongguo", "zhongguo123", "zxc123456", "zxcv1234", "zxcvbnm123", "zxczxczxc",
]);
